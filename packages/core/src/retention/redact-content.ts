import { isOrganisationSourceKey } from '@mottak/assessment';
import { DISPOSED_TITLE, type Report } from '@mottak/domain';

/** What a disposed report's content hash becomes: no longer a fingerprint that could confirm a guess of the text. */
export const DISPOSED_CONTENT_HASH = 'kassert';

/**
 * A report (or one stored version of it) with its content removed and its journal metadata kept:
 * title, body, reporter contact, attachments and the original message, the coordinator's note, handover notes, extracted entities and identifiers, the
 * reasons rules fired with (they quote what matched) and every fingerprint of the text go; the
 * journal number, dates, category, priority, gradering, compartments, skjerming, source and who
 * registered stay. Every store applies this same function to the report and all its versions.
 */
export function redactReportContent(report: Report): Report {
  const {
    reporterContact: _contact,
    // File names are content too; the files themselves leave the attachment store (applyDisposal).
    attachments: _attachments,
    original: _original,
    // Shift handover notes are content written about the report; none survive it.
    handoverNotes: _handoverNotes,
    ...kept
  } = report;
  const redacted: Report = { ...kept, title: DISPOSED_TITLE, body: '', contentHash: DISPOSED_CONTENT_HASH };
  if (report.registration) {
    const { note: _note, ...registration } = report.registration;
    redacted.registration = registration;
  }
  if (report.assessment) {
    const { possibleIdentifiers: _possible, simhash: _simhash, ...assessment } = report.assessment;
    redacted.assessment = {
      ...assessment,
      contentHash: DISPOSED_CONTENT_HASH,
      entities: [],
      firedRules: assessment.firedRules.map((rule) => ({ ...rule, reason: '' })),
      // A person's key is a fingerprint of their contact details; a partner's (an organisation) stays in its history.
      ...(assessment.sourceKeys ? { sourceKeys: assessment.sourceKeys.filter(isOrganisationSourceKey) } : {}),
    };
  }
  return redacted;
}
