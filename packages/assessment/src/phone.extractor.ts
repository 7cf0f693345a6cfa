import type { Entity } from '@mottak/domain';
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { entityAt, type Extractor } from './extractor';
import { isDigit, isIsolatedNumber } from './text-boundaries';
import type { Span, SpanIndex } from './span-index';

/** Region assumed for numbers written without a country prefix. */
const DEFAULT_REGION = 'NO';
/** Runs of digits and phone punctuation (space, brackets, dot, plus, hyphen). One greedy class: linear scan. */
const RUN = /[0-9][0-9 ().+-]*/g;
/** E.164 allows 15 digits; plus two for a `00` international prefix. */
const MAX_PIECE_DIGITS = 17;
/** "+33 (0)6 12 34 56 78" has seven digit groups; more is a list or a table, not one number. */
const MAX_PIECE_GROUPS = 7;
const MAX_SINGLE_DIGIT_GROUPS = 2;
const MIN_DIGITS = 5;
/** Norwegian numbers have 8 digits; a piece with no more than that can hold at most one number. */
const NATIONAL_DIGITS = 8;
/** Longer unbroken tokens ("1.1.1.1…", long digit runs) cannot be phone numbers. */
const MAX_TOKEN_LENGTH = 24;

/** A calendar date such as 22.03.2024 or 1/2/1999, which libphonenumber happily reads as an Oslo number. */
const DATE = /^(?:0?[1-9]|[12][0-9]|3[01])([./ -])(?:0?[1-9]|1[0-2])\1(?:19|20)[0-9]{2}$/;

/**
 * "22 334 455" or "1.234.567": thousands grouping, how Norwegians write amounts. No Norwegian phone
 * number is grouped that way, but libphonenumber accepts any grouping.
 */
function looksLikeAmount(raw: string): boolean {
  if (raw.includes('+')) return false;
  const parts = raw.split(/[ .]/);
  return (
    parts.length >= 2 &&
    parts.every((p, i) => /^[0-9]+$/.test(p) && (i === 0 ? p.length <= 3 && !p.startsWith('0') : p.length === 3))
  );
}

/**
 * Four dotted groups of one to three digits: an IPv4 address, or a mistyped one ("77.700.96.1" has
 * an octet above 255, so the IPv4 extractor leaves it, and libphonenumber reads 77700961 as a Tromsø
 * number). A valid dotted quad is already claimed by the IPv4 extractor.
 */
const DOTTED_QUAD = /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/;

/** Dates, amounts and IP-like dotted quads that parse as valid numbers but are not phone numbers. */
function isFalseFriend(raw: string): boolean {
  return DATE.test(raw) || looksLikeAmount(raw) || DOTTED_QUAD.test(raw);
}

function validE164(raw: string, extract: boolean): string | undefined {
  // libphonenumber signals a non-number by throwing (and catching) a ParseError inside; capturing
  // its stack trace was a tenth of an assessment's time. Nothing here reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const phone = parsePhoneNumberFromString(raw, { defaultCountry: DEFAULT_REGION, extract });
    return phone?.isValid() ? phone.number : undefined;
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** libphonenumber-js (full metadata, so digit patterns are checked), default region NO; E.164 or undefined unless valid. */
export function toE164Phone(raw: string): string | undefined {
  return validE164(raw, true);
}

function digitGroups(s: string): number[] {
  return (s.match(/[0-9]+/g) ?? []).map((g) => g.length);
}

/** Cheap shape test run before libphonenumber, which is slow on long digit-and-punctuation soups. */
function isPlausiblePiece(piece: string): boolean {
  const groups = digitGroups(piece);
  const digits = groups.reduce((a, b) => a + b, 0);
  return digits >= MIN_DIGITS && groups.filter((g) => g === 1).length <= MAX_SINGLE_DIGIT_GROUPS;
}

/** Space-separated tokens of a run, trimmed to start at a digit, '+' or '(' and to end at a digit. */
function tokens(text: string, runStart: number, runEnd: number): Span[] {
  const out: Span[] = [];
  let i = runStart;
  while (i < runEnd) {
    while (i < runEnd && text[i] === ' ') i++;
    let end = i;
    while (end < runEnd && text[end] !== ' ') end++;
    let start = i;
    while (start < end && !isDigit(text[start]) && !'+('.includes(text[start] ?? '')) start++;
    let last = end;
    while (last > start && !isDigit(text[last - 1])) last--;
    if (last > start) out.push({ start, end: last });
    i = end;
  }
  return out;
}

/**
 * Splits a run into pieces of at most MAX_PIECE_DIGITS digits and MAX_PIECE_GROUPS groups, without
 * overlap, so every character is handed to libphonenumber at most once (linear overall). A run in
 * ordinary prose ("ring 922 33 444 i kveld") is a single piece; only lists of numbers separated by
 * nothing but spaces get cut, and there a number may straddle two pieces and be missed.
 */
function pieces(text: string, runStart: number, runEnd: number, blocked: SpanIndex | undefined): Span[] {
  const out: Span[] = [];
  let current: Span | undefined;
  let digits = 0;
  let groups = 0;
  const flush = (): void => {
    if (current) out.push(current);
    current = undefined;
    digits = 0;
    groups = 0;
  };
  for (const token of tokens(text, runStart, runEnd)) {
    // Tokens already claimed (a fødselsnummer, an IP) must not use up a piece's digit budget.
    if (token.end - token.start > MAX_TOKEN_LENGTH || blocked?.covers(token.start, token.end)) {
      flush();
      continue;
    }
    const tokenGroups = digitGroups(text.slice(token.start, token.end));
    const tokenDigits = tokenGroups.reduce((a, b) => a + b, 0);
    if (current && (digits + tokenDigits > MAX_PIECE_DIGITS || groups + tokenGroups.length > MAX_PIECE_GROUPS)) flush();
    current = current ? { start: current.start, end: token.end } : { ...token };
    digits += tokenDigits;
    groups += tokenGroups.length;
  }
  flush();
  return out;
}

interface PieceNumber {
  start: number;
  end: number;
  e164: string;
}

/** Digits of the shortest international numbers after their prefix: country code and subscriber number (+683 4002, Niue). */
const MIN_INTERNATIONAL_DIGITS = 7;
/** "+" or a "00" at the start of a group: where a foreign number may start, so the full matcher may be needed. */
const PREFIX_AT = /\+|(?<![0-9])00/g;

/**
 * True when some `+` or `00` prefix in the piece is followed, before the next `+`, by enough digits
 * to be an international number. Otherwise libphonenumber's matcher (the costly part) can find
 * nothing that nationalNumbers does not: "+47 00+47 00…" made the extractor ~10× slower per byte.
 */
function roomForInternational(piece: string): boolean {
  for (const m of piece.matchAll(PREFIX_AT)) {
    let digits = 0;
    for (let i = m.index + m[0].length; i < piece.length && piece[i] !== '+'; i++) if (isDigit(piece[i])) digits++;
    if (digits >= MIN_INTERNATIONAL_DIGITS) return true;
  }
  return false;
}

/**
 * Valid numbers in one piece. The common case — the piece is one number — costs a single parse;
 * libphonenumber's matcher (several times slower) runs only when the piece has digits to spare.
 */
function numbersInPiece(piece: string): PieceNumber[] {
  if (!isPlausiblePiece(piece)) return [];
  const whole = validE164(piece, false);
  if (whole !== undefined) return isFalseFriend(piece) ? [] : [{ start: 0, end: piece.length, e164: whole }];
  if (digitGroups(piece).reduce((a, b) => a + b, 0) <= NATIONAL_DIGITS) return [];
  if (!roomForInternational(piece)) return nationalNumbers(piece);
  try {
    return findPhoneNumbersInText(piece, DEFAULT_REGION)
      .filter((n) => n.number.isValid() && !isFalseFriend(piece.slice(n.startsAt, n.endsAt)))
      .map((n) => ({ start: n.startsAt, end: n.endsAt, e164: n.number.number }));
  } catch {
    return []; // a parser failure on odd input must not stop the assessment
  }
}

/**
 * Several national numbers in one piece ("92233444 41234567", "22 33 44 55 922 33 444"): windows of
 * whole digit groups with exactly eight digits, left to right. A few parses instead of the matcher,
 * which costs ten times more on long digit lists.
 */
function nationalNumbers(piece: string): PieceNumber[] {
  const groups = [...piece.matchAll(/[0-9]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const out: PieceNumber[] = [];
  for (let i = 0; i < groups.length; i++) {
    let digits = 0;
    for (let j = i; j < groups.length && digits < NATIONAL_DIGITS; j++) {
      const first = groups[i];
      const last = groups[j];
      if (!first || !last) break;
      digits += last.end - last.start;
      if (digits !== NATIONAL_DIGITS) continue;
      const raw = piece.slice(first.start, last.end);
      if (raw.includes('+')) break; // a national number has no prefix inside it; no parse needed
      const e164 = validE164(raw.replace(/[()]/g, ' '), false);
      if (e164 === undefined || isFalseFriend(raw)) break;
      out.push({ start: first.start, end: last.end, e164 });
      i = j; // continue after this number
    }
  }
  return out;
}

function runStartWithPrefix(text: string, index: number): number {
  let start = index;
  // Take in a "+" or "(+" written before the first digit ("(+47) 922 33 444").
  while (start > 0 && index - start < 2 && '+('.includes(text[start - 1] ?? '')) start--;
  return start;
}

/** Valid phone numbers (libphonenumber-js, default region NO) as E.164; never glued to a word or inside a longer number. */
export const phoneExtractor: Extractor = {
  types: ['phone'],
  blockedBy: [
    'email',
    'url',
    'ipv4',
    'ipv6',
    'ethereum',
    'bitcoin',
    'iban',
    'fodselsnummer',
    'd-nummer',
    'h-nummer',
    'kontonummer',
    'orgnr',
    'betalingskort',
    'tidspunkt',
    'kjennemerke',
  ],
  yieldsToLookalikes: true,
  extract(text: string, blocked?: SpanIndex): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(RUN)) {
      const runStart = runStartWithPrefix(text, match.index);
      for (const piece of pieces(text, runStart, match.index + match[0].length, blocked)) {
        for (const n of numbersInPiece(text.slice(piece.start, piece.end))) {
          const start = piece.start + n.start;
          const end = piece.start + n.end;
          // Slashes separate alternatives ("922 33 444/412 34 567"), so only . and , join numbers here.
          if (isIsolatedNumber(text, start, end, '.,')) found.push(entityAt(text, 'phone', start, end, n.e164));
        }
      }
    }
    return found;
  },
};
