import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { RuleSetError, type RuleSetProblem } from './rule-set.error';
import { ruleSetSchema, type RuleSet } from './rule-set.schema';

/** The rule set shipped with Mottak. */
export const DEFAULT_RULESET_PATH: string = join(__dirname, '..', 'rules', 'default.rules.yaml');

const norwegian = z.locales.no().localeError;

/** Norwegian zod messages, with a plainer one for a missing required field. */
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'påkrevd felt mangler' : norwegian(issue);

type PathKey = string | number;

function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');
}

/**
 * Source offset for a zod issue path: the key of the deepest existing map entry (or the sequence
 * item) on the path, so a missing field points at its parent and a bad value at its own key.
 */
function offsetOfPath(doc: Document, path: readonly PathKey[], unknownKey?: string): number | undefined {
  const full = unknownKey === undefined ? path : [...path, unknownKey];
  for (let n = full.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(full.slice(0, n - 1), true);
    const key = full[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    } else if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key];
      if (isNode(item) && item.range) return item.range[0];
    }
  }
  return isNode(doc.contents) ? doc.contents.range?.[0] : undefined;
}

function problemsFromIssues(doc: Document, lineCounter: LineCounter, issues: readonly z.core.$ZodIssue[]): RuleSetProblem[] {
  const problems = issues.flatMap((issue): RuleSetProblem[] => {
    const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return unknownKeys.map((key) => {
      const offset = offsetOfPath(doc, path, key);
      const where = formatPath(key === undefined ? path : [...path, key]);
      const message = key === undefined ? issue.message : `ukjent nøkkel «${key}»`;
      const problem: RuleSetProblem = { reason: where ? `${where}: ${message}` : message };
      if (offset !== undefined) problem.line = lineCounter.linePos(offset).line;
      return problem;
    });
  });
  return problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/** Parses+validates a rule set from YAML or JSON text; throws RuleSetError naming source, line (when known) and reason. */
export function parseRuleSet(text: string, sourceName: string): RuleSet {
  const lineCounter = new LineCounter();
  // JSON is YAML 1.2 flow syntax, so one parser gives line numbers for both formats.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RuleSetError(
      sourceName,
      doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, reason: `kan ikke lese YAML/JSON: ${e.message}` })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new RuleSetError(sourceName, [{ reason: `kan ikke lese YAML/JSON: ${(error as Error).message}` }]);
  }
  if (data === null || data === undefined) throw new RuleSetError(sourceName, [{ reason: 'regelsettet er tomt' }]);
  const result = ruleSetSchema.safeParse(data, { error: errorMap });
  if (!result.success) throw new RuleSetError(sourceName, problemsFromIssues(doc, lineCounter, result.error.issues));
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
