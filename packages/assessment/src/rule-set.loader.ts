import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleSetError } from './rule-set.error';
import { ruleSetSchema, type RuleSet } from './rule-set.schema';
import { parseYamlConfig } from './yaml-config.loader';

/** The rule set shipped with Mottak. */
export const DEFAULT_RULESET_PATH: string = join(__dirname, '..', 'rules', 'default.rules.yaml');

/** Parses+validates a rule set from YAML or JSON text; throws RuleSetError naming source, line (when known) and reason. */
export function parseRuleSet(text: string, sourceName: string): RuleSet {
  // JSON is YAML 1.2 flow syntax, so one parser gives line numbers for both formats.
  const result = parseYamlConfig(text, ruleSetSchema);
  if (!result.ok) throw new RuleSetError(sourceName, result.problems);
  return result.data;
}

/** Reads and parses a rule-set file. */
export function loadRuleSetFile(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleSetError(path, [{ reason: `kan ikke lese filen: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return parseRuleSet(text, path);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

let cachedDefault: RuleSet | undefined;

/** The rule set shipped with Mottak (packages/assessment/rules/default.rules.yaml), loaded once. */
export function defaultRuleSet(): RuleSet {
  // Frozen because every caller shares the one instance.
  cachedDefault ??= deepFreeze(loadRuleSetFile(DEFAULT_RULESET_PATH));
  return cachedDefault;
}
