import type { newReportSchema } from '@mottak/domain';

/** A zod issue as the domain schemas report it (typed without importing zod here). */
export type SchemaIssue = NonNullable<ReturnType<typeof newReportSchema.safeParse>['error']>['issues'][number];

/** One problem with one field, in Norwegian; `field` is undefined when the whole value is wrong. */
export interface FieldProblem {
  field: string | undefined;
  message: string;
}

/** zod's own (English) messages; a schema's custom message (Norwegian, e.g. «kan ikke være tom») is kept. */
const DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized)/;

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'et tall',
  boolean: 'true eller false',
  object: 'et objekt',
  array: 'en liste',
};

/**
 * Turns schema issues into messages that name the field, e.g. `body: kan ikke være tom` or
 * `extra: ukjent felt`. `fieldName` maps a path to what the user calls the field (an option such
 * as `--klarering` in `users add`); `input` is the validated value, to say whether a field was missing.
 */
export function describeIssues(
  issues: readonly SchemaIssue[],
  input: unknown,
  fieldName: (path: readonly PropertyKey[]) => string = dottedPath,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const field = issue.path.length > 0 ? fieldName(issue.path) : undefined;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ field: fieldName([...issue.path, key]), message: 'ukjent felt' });
      continue;
    }
    problems.push({ field, message: issueMessage(issue, valueAt(input, issue.path)) });
  }
  return problems;
}

/** `field: message; field: message` (or just the message for the whole value). */
export function formatProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
}

/** `reporterContact.email`, `roles.1`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function issueMessage(issue: SchemaIssue, value: unknown): string {
  const custom = !DEFAULT_MESSAGE.test(issue.message);
  // An absent field fails as invalid_type or (for enums) invalid_value; either way it is missing.
  if (value === undefined && issue.path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    return 'mangler';
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0 && issue.expected === 'object') return 'må være et JSON-objekt';
      return `må være ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value': {
      const got = typeof value === 'string' || typeof value === 'number' ? ` (fikk «${String(value)}»)` : '';
      return `må være én av: ${issue.values.map(String).join(', ')}${got}`;
    }
    case 'too_small':
      if (custom) return issue.message;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'kan ikke være tom' : `må ha minst ${issue.minimum} tegn`;
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'må ha minst én verdi' : `må ha minst ${issue.minimum} verdier`;
      return `må være minst ${issue.minimum}`;
    case 'too_big':
      if (custom) return issue.message;
      if (issue.origin === 'string') return `kan ha høyst ${issue.maximum} tegn`;
      if (issue.origin === 'array') return `kan ha høyst ${issue.maximum} verdier`;
      return `kan være høyst ${issue.maximum}`;
    case 'invalid_format':
      if (custom) return issue.message;
      if (issue.format === 'datetime') return 'må være et ISO 8601-tidspunkt med tidssone, f.eks. 2026-03-01T12:00:00+01:00';
      if (issue.format === 'email') return 'må være en gyldig e-postadresse';
      return 'har ugyldig format';
    default:
      return custom ? issue.message : 'ugyldig verdi';
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
