import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlConfig, type RuleSetProblem } from '@mottak/assessment';
import { DomainError, type RetentionRuleSet, retentionRuleSetSchema } from '@mottak/domain';

/** The retention rules shipped with Mottak. */
export const DEFAULT_RETENTION_RULES_PATH: string = join(__dirname, '..', '..', 'rules', 'retention.yaml');

/** A retention rule file that cannot be used; names the file, the line (when known) and the reason. */
export class RetentionRulesError extends DomainError {
  readonly problems: RuleSetProblem[];

  constructor(source: string, problems: RuleSetProblem[]) {
    const first = problems[0] ?? { reason: 'ukjent feil' };
    const where = first.line === undefined ? source : `${source}, linje ${first.line}`;
    const more = problems.length > 1 ? ` (og ${problems.length - 1} feil til)` : '';
    super('RETENTION_RULES_INVALID', `Ugyldige bevaringsregler (${where}): ${first.reason}${more}`, { source, line: first.line, problems });
    this.name = 'RetentionRulesError';
    this.problems = problems;
  }
}

/** Parses and validates retention rules (YAML or JSON); conflicting rules are refused as a whole. */
export function parseRetentionRules(text: string, sourceName: string): RetentionRuleSet {
  const result = parseYamlConfig(text, retentionRuleSetSchema);
  if (!result.ok) throw new RetentionRulesError(sourceName, result.problems);
  return result.data;
}

/** Reads and parses a retention rule file. */
export function loadRetentionRulesFile(path: string): RetentionRuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RetentionRulesError(path, [{ reason: `kan ikke lese filen: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return parseRetentionRules(text, path);
}

let cachedDefault: RetentionRuleSet | undefined;

/** The shipped retention rules (packages/core/rules/retention.yaml), loaded once. */
export function defaultRetentionRules(): RetentionRuleSet {
  cachedDefault ??= Object.freeze(loadRetentionRulesFile(DEFAULT_RETENTION_RULES_PATH));
  return cachedDefault;
}
