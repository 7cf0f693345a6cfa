import type { Entity } from '@mottak/domain';
import { entityAt, type Extractor } from './extractor';
import { SpanIndex } from './span-index';
import { charAt, charBefore, isDigit, isIsolatedNumber, isWordChar } from './text-boundaries';

/**
 * Norwegian month names and abbreviations, and the English ones that differ: English reports and
 * e-mail headers ("Date: Tue, 3 Oct 2026 14:30:00") write the day first too, and without them
 * "3 Mar 2026" was read while "3 Oct 2026" was not.
 */
const MONTHS: Readonly<Record<string, number>> = {
  januar: 1, februar: 2, mars: 3, april: 4, mai: 5, juni: 6, juli: 7, august: 8, september: 9, oktober: 10, november: 11, desember: 12,
  january: 1, february: 2, march: 3, may: 5, june: 6, july: 7, october: 10, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, oct: 10, nov: 11, des: 12, dec: 12,
};
/** Full names before their abbreviations, so "mars" is not cut to "mar". */
const MONTH_NAMES = Object.keys(MONTHS).join('|');

/** `3. mars 2026`, `3 mars 2026`, `3. mar. 2026`; a year is required (without one there is no date to give). */
const NAMED_DATE = new RegExp(`(?<![\\p{L}\\p{N}])([0-9]{1,2})\\.? ?(${MONTH_NAMES})\\.?,? ([0-9]{4})(?![0-9])`, 'giu');
/** `03.03.26`, `3.3.2026`, `03/03/2026`, `3/3-2026`, `2026-03-03`. */
const NUMERIC_DATE = /(?<![0-9])(?:([0-9]{1,2})([./])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})|([0-9]{1,2})\/([0-9]{1,2})-([0-9]{4}|[0-9]{2})|([0-9]{4})-([0-9]{2})-([0-9]{2}))(?![0-9])/g;
/**
 * A time after a date: `kl. 14.30`, `klokka 9`, `kl. 1430` (four digits, as police and guard notes
 * write it), `, 14:30`, or ISO `T14:30`. Applied at the date's end only.
 */
const TIME_AFTER_DATE =
  /^(?:,? (?:kl\.?|klokka|klokken) ?([0-9]{1,2})(?:[.:]([0-9]{2}))?|,? ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?|T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?|,? (?:kl\.?|klokka|klokken) ?([0-9]{2})([0-9]{2}))(?![0-9])/i;
/**
 * A time on its own needs the word: `kl. 14:30`, `kl 9`, `klokken 14.30`, `kl. 0230` (a bare "14:30"
 * may be a score or a ratio, a bare "1430" anything).
 */
const TIME_ALONE = /(?<![\p{L}\p{N}])(?:kl\.?|klokka|klokken) ?(?:([0-9]{1,2})(?:[.:]([0-9]{2}))?|([0-9]{2})([0-9]{2}))(?![0-9])/giu;

const pad = (n: number): string => String(n).padStart(2, '0');

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Two-digit years as POSIX strptime reads them: 69–99 → 1900s, 00–68 → 2000s. */
function fullYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n >= 69 ? 1900 + n : 2000 + n;
}

/** ISO date `YYYY-MM-DD`, or undefined for an impossible date or a year outside 1900–2099. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** ISO time `HH:MM` or `HH:MM:SS`, or undefined out of range. */
export function isoTime(hour: string, minute = '0', second?: string): string | undefined {
  const h = Number(hour);
  const m = Number(minute);
  const s = second === undefined ? undefined : Number(second);
  if (h > 23 || m > 59 || (s !== undefined && s > 59)) return undefined;
  return `${pad(h)}:${pad(m)}${s === undefined ? '' : `:${pad(s)}`}`;
}

interface Found {
  start: number;
  end: number;
  value: string;
}

/** Extends a date with a following time, if one is written right after it. */
function withTime(text: string, date: Found): Found {
  const match = TIME_AFTER_DATE.exec(text.slice(date.end, date.end + 24));
  if (!match) return date;
  const [hour, minute, second] =
    match[1] !== undefined ? [match[1], match[2]] : match[3] !== undefined ? [match[3], match[4], match[5]] : match[6] !== undefined ? [match[6], match[7], match[8]] : [match[9], match[10]];
  const time = isoTime(hour ?? '', minute, second);
  const end = date.end + match[0].length;
  if (time === undefined || ('.,:'.includes(text[end] ?? '-') && /[0-9]/.test(text[end + 1] ?? ''))) return date;
  return { start: date.start, end, value: `${date.value}T${time}` };
}

function namedDates(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(NAMED_DATE)) {
    const end = m.index + m[0].length;
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    const value = month === undefined ? undefined : isoDate(Number(m[3]), month, Number(m[1]));
    if (value !== undefined && !isWordChar(charAt(text, end))) out.push({ start: m.index, end, value });
  }
  return out;
}

/** The start half of isIsolatedNumber: no word character before, not the tail of "1.03.03.26". */
function isolatedStart(text: string, start: number): boolean {
  return !isWordChar(charBefore(text, start)) && !('.,-/'.includes(text[start - 1] ?? '_') && isDigit(text[start - 2]));
}

function numericDates(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    // ISO dates may be followed by "T14:30"; every other date must stand alone as a number.
    const isoT = m[8] !== undefined && text[end] === 'T' && isDigit(text[end + 1]);
    if (isoT ? !isolatedStart(text, start) : !isIsolatedNumber(text, start, end)) continue;
    let value: string | undefined;
    if (m[1] !== undefined) value = isoDate(fullYear(m[4] ?? ''), Number(m[3]), Number(m[1]));
    else if (m[5] !== undefined) value = isoDate(fullYear(m[7] ?? ''), Number(m[6]), Number(m[5]));
    else value = isoDate(Number(m[8]), Number(m[9]), Number(m[10]));
    if (value !== undefined) out.push({ start, end, value });
  }
  return out;
}

function timesAlone(text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(TIME_ALONE)) {
    const end = m.index + m[0].length;
    const value = m[1] !== undefined ? isoTime(m[1], m[2]) : isoTime(m[3] ?? '', m[4]);
    if (value === undefined || isWordChar(charAt(text, end)) || isWordChar(charBefore(text, m.index))) continue;
    if ('.,:'.includes(text[end] ?? '-') && /[0-9]/.test(text[end + 1] ?? '')) continue;
    out.push({ start: m.index, end, value });
  }
  return out;
}

/**
 * Dates and times written the Norwegian way — `3. mars 2026 kl. 14.30`, `03.03.26`, `3/3-2026`,
 * `kl. 14:30`, `kl. 1430` — and day-first English dates (`3 March 2026`, `Tue, 3 Oct 2026 14:30:00`
 * in e-mail headers), for "when did it happen". Values are ISO 8601 local time without a zone:
 * `2026-03-03`, `2026-03-03T14:30`, or `14:30` for a time alone. Dates without a year are not taken.
 */
export const datetimeExtractor: Extractor = {
  types: ['tidspunkt'],
  blockedBy: ['url', 'email', 'ipv4', 'ipv6', 'fodselsnummer', 'd-nummer', 'h-nummer', 'kontonummer', 'orgnr', 'iban', 'betalingskort'],
  extract(text: string): Entity[] {
    const dates = [...namedDates(text), ...numericDates(text)].sort((a, b) => a.start - b.start).map((d) => withTime(text, d));
    const found: Found[] = [];
    let claimedUntil = 0;
    for (const d of dates) {
      if (d.start < claimedUntil) continue;
      found.push(d);
      claimedUntil = d.end;
    }
    // Times already part of a date-and-time are not reported again.
    const claimed = new SpanIndex(found);
    for (const t of timesAlone(text)) {
      if (!claimed.overlaps(t.start, t.end)) found.push(t);
    }
    return found.sort((a, b) => a.start - b.start).map((f) => entityAt(text, 'tidspunkt', f.start, f.end, f.value));
  },
};
