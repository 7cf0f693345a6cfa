import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleSetError, type RuleSetProblem } from '@mottak/assessment';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { dqCatalogueSchema, type DqCatalogue } from './dq-catalogue.schema';

/** The catalogue shipped with Mottak. */
export const DEFAULT_DQ_CATALOGUE_PATH: string = join(__dirname, '..', 'rules', 'default.dq.yaml');

const norwegian = z.locales.no().localeError;

/** Norwegian zod messages, with a plainer one for a missing required field (as the assessment rule loader). */
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'påkrevd felt mangler' : norwegian(issue);

type PathKey = string | number;

function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');
}

/** Source offset of the deepest existing node on a zod issue path (same approach as packages/assessment). */
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

/**
 * Parses and validates a data-quality catalogue from YAML or JSON text; throws RuleSetError
 * (code RULESET_INVALID) naming the source, the line when known and the reason — for bad syntax,
 * bad values and conflicting rules alike.
 */
export function parseDqCatalogue(text: string, sourceName: string): DqCatalogue {
  const lineCounter = new LineCounter();
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
  if (data === null || data === undefined) throw new RuleSetError(sourceName, [{ reason: 'katalogen er tom' }]);
  const result = dqCatalogueSchema.safeParse(data, { error: errorMap });
  if (!result.success) throw new RuleSetError(sourceName, problemsFromIssues(doc, lineCounter, result.error.issues));
  return result.data;
}

/** Reads and parses a data-quality catalogue file. */
export function loadDqCatalogueFile(path: string): DqCatalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleSetError(path, [{ reason: `kan ikke lese filen: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return parseDqCatalogue(text, path);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

let cachedDefault: DqCatalogue | undefined;

/** The catalogue shipped with Mottak (packages/quality/rules/default.dq.yaml), loaded once and frozen. */
export function defaultDqCatalogue(): DqCatalogue {
  cachedDefault ??= deepFreeze(loadDqCatalogueFile(DEFAULT_DQ_CATALOGUE_PATH));
  return cachedDefault;
}
