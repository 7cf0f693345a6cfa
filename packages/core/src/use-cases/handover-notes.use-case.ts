import {
  DomainError,
  HANDOVER_OPEN_STATUSES,
  type HandoverItem,
  type HandoverNote,
  MAX_HANDOVER_NOTES_PER_REPORT,
  type Report,
  type ReportStatus,
  type User,
} from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import { maskPersonalData } from '../access/personal-data-mask';
import { readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { reportForUpdate } from '../report-for-update';

/** Attempts at adding a note when other changes to the same report keep landing first. */
const MAX_NOTE_ATTEMPTS = 5;

/** A note as written, with the report version it produced (the report's readers see it from there on). */
export interface HandoverNoteAdded {
  reportId: string;
  version: number;
  note: HandoverNote;
}

/**
 * A coordinator writes a shift handover note on an open report (mottatt, vurdert, registrert,
 * under behandling). Stored on the report itself, so that it is read under the report's access
 * rules, masked with it and removed by its disposal; journaled as `report.handover_note` with who and
 * when and a reference to the text (its length), never the text. A report that changed meanwhile
 * is re-read: a note adds to what is there and never overwrites anything.
 */
export async function addHandoverNote(deps: CoreDeps, user: User, reportId: string, input: { text: string }): Promise<HandoverNoteAdded> {
  const text = input.text.trim();
  if (text.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Notatet kan ikke være tomt', { errors: [{ field: 'text', message: 'kan ikke være tom' }] });
  }
  for (let attempt = 1; ; attempt += 1) {
    const report = await reportForUpdate(deps, user, reportId);
    if (!(HANDOVER_OPEN_STATUSES as readonly ReportStatus[]).includes(report.status)) {
      throw new DomainError('INVALID_STATE_TRANSITION', `Overleveringsnotater skrives bare på åpne rapporter, ikke i status «${report.status}»`, {
        status: report.status,
        allowed: HANDOVER_OPEN_STATUSES,
      });
    }
    const notes = report.handoverNotes ?? [];
    if (notes.length >= MAX_HANDOVER_NOTES_PER_REPORT) {
      throw new DomainError('HANDOVER_NOTE_LIMIT_REACHED', `Rapporten har allerede ${MAX_HANDOVER_NOTES_PER_REPORT} overleveringsnotater`, { limit: MAX_HANDOVER_NOTES_PER_REPORT });
    }
    const at = deps.clock.now().toISOString();
    const note: HandoverNote = { id: deps.ids.newId(), at, author: user.username, authorName: user.displayName, text };
    try {
      const changed = await deps.store.applyChange({
        reportId: report.id,
        expectedVersion: report.version,
        set: { handoverNotes: [...notes, note] },
        journal: { at, actor: actorName({ kind: 'user', user }), action: 'report.handover_note', details: { noteId: note.id } },
      });
      return { reportId: changed.id, version: changed.version, note };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VERSION_CONFLICT' || attempt >= MAX_NOTE_ATTEMPTS) throw error;
    }
  }
}


/**
 * The «Overlevering» view: open reports the user may read that carry handover notes, each with its
 * latest note, most recently noted first within the page. The reports are chosen by the store's
 * access-filtered query (the same condition as every read), and the notes come with them, so a
 * note on a report the user may not see is never listed, counted or hinted at. Audited like a list.
 */
export async function listHandover(deps: CoreDeps, user: User, query: { limit: number; offset: number }): Promise<{ total: number; items: HandoverItem[] }> {
  if (!defineAbilityFor(user).can('update', 'Report')) throw new DomainError('FORBIDDEN', 'Overleveringen er for koordinatorer og fagansvarlige');
  const readAccess = await readAccessFor(deps, user);
  const page =
    readAccess.access.kind === 'none'
      ? { total: 0, items: [] }
      : await deps.store.list(readAccess.access, { statuses: [...HANDOVER_OPEN_STATUSES], withHandoverNotes: true, limit: query.limit, offset: query.offset });
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'handover.list',
    details: { total: page.total, ids: page.items.map((r) => r.id), ...(readAccess.masked ? { masked: true } : {}) },
  });
  const items = page.items
    .map((report) => handoverItem(report, readAccess.masked))
    .filter((item): item is HandoverItem => item !== undefined)
    .sort((a, b) => (a.latestNote.at < b.latestNote.at ? 1 : a.latestNote.at > b.latestNote.at ? -1 : a.id < b.id ? -1 : 1));
  return { total: page.total, items };
}

function handoverItem(report: Report, masked: boolean): HandoverItem | undefined {
  const notes = report.handoverNotes ?? [];
  const latest = notes.at(-1);
  // Only open reports are listed (the query asks for HANDOVER_OPEN_STATUSES); anything else is skipped.
  const status = HANDOVER_OPEN_STATUSES.find((open) => open === report.status);
  if (!latest || !status) return undefined;
  const priority = report.registration?.priority ?? report.assessment?.priority;
  const category = report.registration?.category ?? report.assessment?.category;
  return {
    id: report.id,
    title: masked ? maskPersonalData(report.title) : report.title,
    status,
    gradering: report.gradering,
    receivedAt: report.receivedAt,
    ...(priority ? { priority } : {}),
    ...(category ? { category } : {}),
    ...(report.registration ? { journalNumber: report.registration.journalNumber } : {}),
    noteCount: notes.length,
    latestNote: masked ? { ...latest, text: maskPersonalData(latest.text) } : latest,
    ...(masked ? { personalDataMasked: true as const } : {}),
  };
}
