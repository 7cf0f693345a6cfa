import { canonicalJson } from './hash-chain';
import type { FieldChange, Report } from '@mottak/domain';

/**
 * The endringslogg of one change: element, old value, new value, for every field whose value
 * differs. The journal is append-only and outlives disposal (kassasjon), so it must never hold the
 * report's content: title, body, reporter contact and the coordinator's note are recorded as a
 * reference only — their length, with the text itself in the stored versions `version - 1` and
 * `version` (which disposal redacts; see withContentChangeValues). No hash of the text either: a
 * fingerprint of a short title would confirm a guess after the text is gone. The assessment is
 * summarised by its verdict.
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
        const element = `${field}.${key}`;
        changes.push({ field: element, from: summarise(element, from[key]), to: summarise(element, to[key]) });
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

/** Elements whose values are the report's content: recorded by reference, never copied into the journal. */
export const CONTENT_ELEMENTS: readonly string[] = ['title', 'body', 'reporterContact', 'registration.note', 'handoverNotes'];

/** How a content element's value appears in the journal: only how long it is (null when absent). */
export interface ContentReference {
  length: number;
}

function summarise(field: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (CONTENT_ELEMENTS.includes(field)) {
    return { length: typeof value === 'string' ? value.length : canonicalJson(value).length } satisfies ContentReference;
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
