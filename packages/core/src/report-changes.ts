import { createHash } from 'node:crypto';
import { canonicalJson } from './hash-chain';
import type { FieldChange, Report } from '@mottak/domain';

/**
 * The endringslogg of one change: element, old value, new value, for every field whose value
 * differs. Large fields are summarised so the journal stays small and does not copy report text
 * into a second place: the body by length and SHA-256, the assessment by its verdict.
 */
export function fieldChanges(before: Report, after: Report, fields: Iterable<string>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = (before as Record<string, unknown>)[field];
    const to = (after as Record<string, unknown>)[field];
    if (canonicalJson(from) === canonicalJson(to)) continue;
    if (EXPANDED_FIELDS.includes(field) && isRecord(from) && isRecord(to)) {
      // A correction of the registered priority is one element, not the whole registration.
      for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
        if (canonicalJson(from[key]) === canonicalJson(to[key])) continue;
        changes.push({ field: `${field}.${key}`, from: from[key] ?? null, to: to[key] ?? null });
      }
      continue;
    }
    changes.push({ field, from: summarise(field, from), to: summarise(field, to) });
  }
  return changes;
}

/** Object fields whose changes are recorded key by key. */
const EXPANDED_FIELDS: readonly string[] = ['registration'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summarise(field: string, value: unknown): unknown {
  if (value === undefined) return null;
  if (field === 'body' && typeof value === 'string') {
    return { length: value.length, sha256: createHash('sha256').update(value).digest('hex') };
  }
  if (field === 'assessment' && typeof value === 'object' && value !== null) {
    const assessment = value as NonNullable<Report['assessment']>;
    return {
      ruleSetVersion: assessment.ruleSetVersion,
      priority: assessment.priority,
      category: assessment.category,
      entities: assessment.entities.length,
      duplicateOf: assessment.duplicateOf,
    };
  }
  return value;
}
