import { contentHash, extractEntities, normalizeText } from '@mottak/assessment';
import { CORRECTABLE_STATUSES, DomainError, type Report, type ReportCorrection, type User } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { reportForUpdate } from '../report-for-update';

/**
 * Corrects a registered journalpost, creating a new version: the store keeps the version before,
 * and the endringslogg records each element's old and new value with who, when and why. Priority
 * and category are the registered ones. A changed text also refreshes the content hash and the
 * extracted identifiers (the assessment's verdict stays as assessed), and the search index is
 * updated through the outbox.
 */
export async function correctReport(deps: CoreDeps, user: User, reportId: string, input: ReportCorrection): Promise<Report> {
  const report = await reportForUpdate(deps, user, reportId, input.expectedVersion);
  if (!CORRECTABLE_STATUSES.includes(report.status) || !report.registration) {
    throw new DomainError(
      'INVALID_STATE_TRANSITION',
      `Rapporten har status «${report.status}» og kan ikke rettes; bare registrerte, åpne journalposter kan rettes`,
      { currentStatus: report.status, correctableStatuses: [...CORRECTABLE_STATUSES] },
    );
  }
  const set: Partial<Report> = {};
  if (input.title !== undefined && input.title !== report.title) set.title = input.title;
  if (input.occurredAt !== undefined && input.occurredAt !== report.occurredAt) set.occurredAt = input.occurredAt;
  if (input.body !== undefined && input.body !== report.body) set.body = input.body;
  if (set.title !== undefined || set.body !== undefined) {
    const title = set.title ?? report.title;
    const body = set.body ?? report.body;
    set.contentHash = contentHash(title, body);
    if (report.assessment) {
      set.assessment = {
        ...report.assessment,
        contentHash: set.contentHash,
        ...(set.body !== undefined ? { entities: extractEntities(normalizeText(body)) } : {}),
      };
    }
  }
  const priority = input.priority ?? report.registration.priority;
  const category = input.category ?? report.registration.category;
  if (priority !== report.registration.priority || category !== report.registration.category) {
    set.registration = { ...report.registration, priority, category };
  }
  if (Object.keys(set).length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Rettelsen endrer ingenting; alle verdiene er slik de er lagret');
  }
  return deps.store.applyChange({
    reportId: report.id,
    expectedVersion: report.version,
    set,
    journal: {
      at: deps.clock.now().toISOString(),
      actor: actorName({ kind: 'user', user }),
      action: 'report.corrected',
      details: { reason: input.reason },
    },
    outbox: ['index'],
  });
}
