import type { ChainedEntry, FieldChange, Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import type { CoreDeps } from './deps';
import { CONTENT_ELEMENTS } from './report-changes';

/** A content element's change as readers see it: the reference from the journal plus the value from the stored version. */
export interface ResolvedContentValue {
  length: number;
  /** The value in the stored version; the disposal placeholder once the report is disposed (kassert). */
  value: unknown;
}

function contentValue(report: Report, element: string): unknown {
  if (element === 'registration.note') return report.registration?.note ?? null;
  return (report as unknown as Record<string, unknown>)[element] ?? null;
}

function isContentReference(value: unknown): value is { length: number } {
  return typeof value === 'object' && value !== null && typeof (value as { length?: unknown }).length === 'number';
}

/**
 * The journal entries of one report with the old and new values of content elements (title, body,
 * reporter contact, note) filled in from the stored versions the entry points at — the journal
 * itself holds only a reference (see fieldChanges), so that disposal, which redacts every version,
 * leaves no copy of the content behind. Versions are read under `access` like any read.
 */
export async function withContentChangeValues(deps: CoreDeps, reportId: string, entries: ChainedEntry[], access: AccessCondition): Promise<ChainedEntry[]> {
  const versions = new Map<number, Promise<Report | undefined>>();
  const version = (n: number) => {
    if (!versions.has(n)) versions.set(n, deps.store.getVersion(reportId, n, access));
    return versions.get(n) as Promise<Report | undefined>;
  };
  return Promise.all(
    entries.map(async (entry) => {
      const changes = entry.details['changes'];
      const after = entry.details['version'];
      if (!Array.isArray(changes) || typeof after !== 'number') return entry;
      if (!changes.some((c: FieldChange) => CONTENT_ELEMENTS.includes(c.field))) return entry;
      const [before, now] = await Promise.all([version(after - 1), version(after)]);
      const resolve = (reference: unknown, report: Report | undefined, element: string): unknown =>
        isContentReference(reference) && report ? ({ length: reference.length, value: contentValue(report, element) } satisfies ResolvedContentValue) : reference;
      const resolved = (changes as FieldChange[]).map((change) =>
        CONTENT_ELEMENTS.includes(change.field) ? { ...change, from: resolve(change.from, before, change.field), to: resolve(change.to, now, change.field) } : change,
      );
      return { ...entry, details: { ...entry.details, changes: resolved } };
    }),
  );
}
