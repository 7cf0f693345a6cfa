const OSLO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Cache by UTC hour: Oslo's offset is whole hours, so every instant in one UTC hour has the same local date. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

/** ISO 8601 week (`2026-W07`) of an instant, by the calendar date in Europe/Oslo. */
export function isoWeekOf(timestamp: string): string {
  const key = timestamp.slice(0, 13);
  const hit = cache.get(key);
  if (hit !== undefined && key.length === 13 && timestamp.endsWith('Z')) return hit;
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return 'ukjent';
  const [y, m, d] = OSLO_DATE.format(date).split('-').map(Number) as [number, number, number];
  const week = isoWeekOfDate(y, m, d);
  if (timestamp.endsWith('Z')) {
    // Bounded so that a batch over years of data keeps flat memory.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, week);
  }
  return week;
}

/** ISO week of a calendar date: the week with the year's first Thursday is week 1. */
export function isoWeekOfDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const firstDay = Date.UTC(isoYear, 0, 1);
  const week = Math.ceil(((date.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}
