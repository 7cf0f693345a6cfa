import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { RuleSetProblem } from './rule-set.error';

/** Norwegian zod messages, with a plainer one for a missing required field. */
const norwegian = z.locales.no().localeError;
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'påkrevd felt mangler' : norwegian(issue);

type PathKey = string | number;

/** The outcome of reading a YAML/JSON configuration file against a zod schema. */
export type YamlConfigResult<T> = { ok: true; data: T } | { ok: false; problems: RuleSetProblem[] };

/**
 * Parses YAML (or JSON) text and validates it with `schema`, for configuration files other than
 * the assessment rule set (retention rules, …). Every problem names its line (when known) and
 * the path of the offending value, also for refinements that point at a path. Never throws for
 * bad input: the caller wraps the problems in its own error code.
 */
export function parseYamlConfig<T>(text: string, schema: z.ZodType<T>): YamlConfigResult<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, reason: `kan ikke lese YAML/JSON: ${e.message}` })) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [{ reason: `kan ikke lese YAML/JSON: ${(error as Error).message}` }] };
  }
  if (data === null || data === undefined) return { ok: false, problems: [{ reason: 'filen er tom' }] };
  const result = schema.safeParse(data, { error: errorMap });
  if (result.success) return { ok: true, data: result.data };
  const problems = result.error.issues.flatMap((issue): RuleSetProblem[] => {
    const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => {
      const offset = offsetOfPath(doc, key === undefined ? path : [...path, key]);
      const where = formatPath(key === undefined ? path : [...path, key]);
      const message = key === undefined ? issue.message : `ukjent nøkkel «${key}»`;
      const problem: RuleSetProblem = { reason: where ? `${where}: ${message}` : message };
      if (offset !== undefined) problem.line = lineCounter.linePos(offset).line;
      return problem;
    });
  });
  return { ok: false, problems: problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) };
}

function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');
}

/** Source offset of the deepest existing node on `path` (a missing field points at its parent). */
function offsetOfPath(doc: Document, path: readonly PathKey[]): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const key = path[n - 1];
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
