import type { Report } from '@mottak/domain';
import type { JournalDraft, RegistrationCommand } from './ports';
import { fieldChanges } from './report-changes';

/** The fields a registration may change, as the endringslogg records them. */
const REGISTRATION_FIELDS = ['status', 'gradering', 'compartments', 'skjerming', 'sourceGrading'];

/**
 * What a registration does to a report once its store has allocated the journal number, and the
 * journal entry that records it. Every store applies the same rule, whatever its engine.
 */
export function applyRegistration(current: Report, command: RegistrationCommand, journalNumber: string): { next: Report; journal: JournalDraft } {
  const next: Report = {
    ...current,
    status: 'registrert',
    registration: { ...command.registration, journalNumber },
    gradering: command.gradering,
    compartments: command.compartments,
    // No skjerming in the command keeps the one already set: registering never lifts it silently.
    ...(command.skjerming ? { skjerming: command.skjerming } : {}),
    ...(command.sourceGrading ? { sourceGrading: command.sourceGrading } : {}),
    version: current.version + 1,
    updatedAt: command.journal.at,
  };
  const changes = fieldChanges(current, next, REGISTRATION_FIELDS);
  return { next, journal: { ...command.journal, details: { ...command.journal.details, journalNumber, version: next.version, changes } } };
}
