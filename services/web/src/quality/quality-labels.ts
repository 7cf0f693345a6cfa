import type { DqDimension, DqSeverity, ReviewStratification, ReviewVerdictKind, SlaBreachStage } from '../api/types';

// Norwegian labels for the data-quality codes; `satisfies` makes a new code fail the type check until it has one.

export const DIMENSION_LABELS = {
  completeness: 'Fullstendighet',
  validity: 'Gyldighet',
  consistency: 'Konsistens',
  timeliness: 'Tidsfrister',
  uniqueness: 'Unikhet',
} satisfies Record<DqDimension, string>;

export const SEVERITY_LABELS = {
  blocking: 'Blokkerende',
  warning: 'Advarsel',
} satisfies Record<DqSeverity, string>;

export const STAGE_LABELS = {
  vurdering: 'Vurdering',
  registrering: 'Registrering',
} satisfies Record<SlaBreachStage, string>;

export const STRATUM_LABELS = {
  category: 'Kategori',
  registeredBy: 'Koordinator (registrert av)',
  priority: 'Prioritet',
} satisfies Record<ReviewStratification, string>;

export const VERDICT_LABELS = {
  godkjent: 'Godkjent',
  avvik: 'Avvik',
} satisfies Record<ReviewVerdictKind, string>;

const scoreFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });

/** A 0–100 score as Norwegian shows it: "86,7". */
export function formatScore(score: number): string {
  return scoreFormat.format(score);
}

/** Minutes late, readable: "45 min", "2 t 5 min", "3 d 4 t". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) {
    const rest = minutes % 60;
    return rest === 0 ? `${Math.floor(minutes / 60)} t` : `${Math.floor(minutes / 60)} t ${rest} min`;
  }
  const hours = Math.floor((minutes % 1440) / 60);
  return hours === 0 ? `${Math.floor(minutes / 1440)} d` : `${Math.floor(minutes / 1440)} d ${hours} t`;
}

/** [start of `from`'s day, start of the day after `to`) in the browser's time zone, as the API's instants. */
export function dayWindow(from: Date, to: Date): { from: string; to: string } {
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Today and `days` − 1 days before it, as dates at local midnight. */
export function lastDays(days: number): { from: Date; to: Date } {
  const now = new Date();
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return { from: new Date(to.getFullYear(), to.getMonth(), to.getDate() - (days - 1)), to };
}

/** How a sample's grouping reads inside a sentence ("10 % per koordinator"). */
export const STRATUM_PHRASES = {
  category: 'kategori',
  registeredBy: 'koordinator',
  priority: 'prioritet',
} satisfies Record<ReviewStratification, string>;

const dateOnly = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeZone: 'Europe/Oslo' });

/** A period [from, to) as the days it covers: "17.11.2026–23.11.2026" (`to` is the start of the day after). */
export function formatPeriod(from: string, to: string): string {
  return `${dateOnly.format(new Date(from))}–${dateOnly.format(new Date(Date.parse(to) - 1))}`;
}

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const WEEK_MS = 7 * 86_400_000;
/** Longest span of weeks filled in; a longer one is shown as it is. */
const MAX_FILLED_WEEKS = 160;

function mondayOf(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (weekday - 1) * 86_400_000 + (week - 1) * WEEK_MS;
}

function isoWeekKey(monday: number): string {
  const thursday = new Date(monday + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - mondayOf(year, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Every ISO week from the first key to the last (keys like `2026-W07`, sorted), so a trend line
 * does not join two weeks across weeks without registrations. Keys it cannot read are left alone.
 */
export function weeksBetween(keys: readonly string[]): string[] {
  const first = ISO_WEEK.exec(keys[0] ?? '');
  const last = ISO_WEEK.exec(keys[keys.length - 1] ?? '');
  if (!first || !last || keys.some((key) => !ISO_WEEK.test(key))) return [...keys];
  const start = mondayOf(Number(first[1]), Number(first[2]));
  const end = mondayOf(Number(last[1]), Number(last[2]));
  if (end < start || (end - start) / WEEK_MS > MAX_FILLED_WEEKS) return [...keys];
  const weeks: string[] = [];
  for (let monday = start; monday <= end; monday += WEEK_MS) weeks.push(isoWeekKey(monday));
  return weeks;
}
