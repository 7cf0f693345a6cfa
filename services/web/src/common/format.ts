const dateTime = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' });
const dateTimeSeconds = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Oslo' });

/** "24.03.2026, 14:05" in Norwegian time. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** With seconds, for logs. */
export function formatLogTime(iso: string): string {
  return dateTimeSeconds.format(new Date(iso));
}

/** How long ago, short: "nå", "4 min", "3 t", "2 d". */
export function formatAge(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'nå';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} t`;
  return `${Math.floor(hours / 24)} d`;
}

/** 12 345 */
export function formatCount(value: number): string {
  return value.toLocaleString('nb-NO');
}
