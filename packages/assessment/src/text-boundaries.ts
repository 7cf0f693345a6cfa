/** Letters, digits, combining marks and underscore: characters that make a match part of a longer word. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const DIGIT = /[0-9]/;

/** The full code point ending just before `index` (handles surrogate pairs), or '' at the start. */
export function charBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.charAt(index - 1);
}

/** The full code point starting at `index`, or '' at the end. */
export function charAt(text: string, index: number): string {
  const cp = text.codePointAt(index);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** True for letters (any script, so æøå count), digits, combining marks and underscore. */
export function isWordChar(ch: string): boolean {
  return ch !== '' && WORD_CHAR.test(ch);
}

/** True for an ASCII digit. */
export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && DIGIT.test(ch);
}

/**
 * True when text[start, end) stands alone as a number: no word character directly around it and not
 * continued by one of `joiners` (default `.`, `,`, `-`, `/`) plus a digit (a decimal, a dotted or dashed longer number, a date).
 */
export function isIsolatedNumber(text: string, start: number, end: number, joiners = '.,-/'): boolean {
  if (isWordChar(charBefore(text, start)) || isWordChar(charAt(text, end))) return false;
  const before = text[start - 1];
  if (before !== undefined && joiners.includes(before) && isDigit(text[start - 2])) return false;
  const after = text[end];
  if (after !== undefined && joiners.includes(after) && isDigit(text[end + 1])) return false;
  return true;
}

/**
 * True when the digits at `start` follow a '+': "+12029458288" is an international phone number in
 * E.164 form, never a fødselsnummer, kontonummer or organisasjonsnummer (nor a look-alike of one).
 */
export function followsPlusSign(text: string, start: number): boolean {
  return text[start - 1] === '+';
}

/** Number of leading characters of `s` that are in `chars` (a loop, not a regex, to stay linear). */
export function countLeading(s: string, chars: string): number {
  let n = 0;
  while (n < s.length && chars.includes(s.charAt(n))) n++;
  return n;
}

/** Number of trailing characters of `s` that are in `chars`. */
export function countTrailing(s: string, chars: string): number {
  let n = 0;
  while (n < s.length && chars.includes(s.charAt(s.length - 1 - n))) n++;
  return n;
}
