import { DomainError, type Priority, type ReportStatus, type User } from '@mottak/domain';
import { maskPersonalData } from '../access/personal-data-mask';
import { readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';

/** One registration in the daily journal. */
export interface DailyJournalRow {
  journalNumber: string;
  reportId: string;
  registeredAt: string;
  registeredBy: string;
  title: string;
  status: ReportStatus;
  priority: Priority;
  category: string;
}

/** No office registers more in a day; a cap keeps one answer bounded. */
const MAX_ROWS_PER_DAY = 10_000;

/**
 * Who registered what on one day (Norwegian local date), in journal number order, for
 * supervisors and auditors (`read` on Journal).
 *
 * Rows of reports the user may not read are left out entirely — not shown as a bare number, and
 * not counted. A number with no title would still tell a reader that something they are not
 * cleared for was registered that day, when and by whom; that is exactly the traffic a security
 * classification protects. A supervisor who needs the whole day needs the klarering and
 * compartments for it. (Journal numbers stay gap-free in the store; gaps in this listing are
 * access, not loss — auditors verify the full chain with `verify` on Journal instead.)
 */
export async function dailyJournal(deps: CoreDeps, user: User, date: string): Promise<{ date: string; from: string; to: string; rows: DailyJournalRow[] }> {
  const readAccess = await readAccessFor(deps, user);
  if (!readAccess.ability.can('read', 'Journal')) throw new DomainError('FORBIDDEN', 'Journalen er for fagansvarlige og revisorer');
  const { from, to } = osloDayWindow(date);
  const reports = await deps.store.listRegistered(readAccess.access, { from, to, limit: MAX_ROWS_PER_DAY });
  const rows = reports.flatMap((report): DailyJournalRow[] =>
    report.registration
      ? [
          {
            journalNumber: report.registration.journalNumber,
            reportId: report.id,
            registeredAt: report.registration.registeredAt,
            registeredBy: report.registration.registeredBy,
            title: readAccess.masked ? maskPersonalData(report.title) : report.title,
            status: report.status,
            priority: report.registration.priority,
            category: report.registration.category,
          },
        ]
      : [],
  );
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'journal.daily.read',
    details: { date, rows: rows.length, journalNumbers: rows.map((r) => r.journalNumber) },
  });
  return { date, from, to, rows };
}

const OSLO_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Oslo is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function osloOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(OSLO_PARTS.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  return Math.round((local - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The UTC instant of local midnight starting `date` (YYYY-MM-DD) in Norway. */
function osloMidnight(year: number, month: number, day: number): number {
  const naive = Date.UTC(year, month - 1, day);
  // Twice: the offset at the guessed instant may differ from the offset at naive midnight on a DST day.
  const guess = naive - osloOffsetMinutes(naive) * 60_000;
  return naive - osloOffsetMinutes(guess) * 60_000;
}

/** The day `date` (YYYY-MM-DD) in Norwegian local time as a half-open UTC window [from, to). */
export function osloDayWindow(date: string): { from: string; to: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new DomainError('VALIDATION_FAILED', `Ugyldig dato: ${date} (bruk ÅÅÅÅ-MM-DD)`, { field: 'query.date' });
  }
  return {
    from: new Date(osloMidnight(year, month, day)).toISOString(),
    to: new Date(osloMidnight(year, month, day + 1)).toISOString(),
  };
}
