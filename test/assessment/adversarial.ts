/**
 * Adversarial texts for the extractors: long digit runs, repeated separators, nested brackets, many
 * '@', Unicode soup and the shapes that make careless regular expressions backtrack
 * catastrophically. Each is built to a requested size, so the benchmark feeds 1 MB and the jest
 * fuzz test something small enough to stay quick. Deterministic (no Math.random).
 */

export interface AdversarialInput {
  name: string;
  /** A string of (about) `size` UTF-16 code units. */
  make(size: number): string;
}

/** `unit` repeated to `size` code units (the last copy cut). */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** A deterministic pseudo-random string over `alphabet` (code points), `size` code units or a few more. */
function soup(alphabet: readonly string[], size: number, seed: number): string {
  let state = seed >>> 0;
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const piece = alphabet[state % alphabet.length] as string;
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('');
}

const UNICODE_ALPHABET = [
  ...'0123456789 .,:;/+-@()[]<>', '\u200B', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u00A0', '\u202F', '\u0301', '\u030A', '\u034F',
  '\u202E', '\u200F', '\u0627', '\u05D0', 'æ', 'ø', 'å', 'Å', '\uFF11', '\uFF20', '\uFF0E', '\uFB01', '\u2460', '\u00B2', '😀', '👩‍💻', '\uD800', '\uDFFF', '\u0000', '\n', '\r\n',
];

export const ADVERSARIAL_INPUTS: readonly AdversarialInput[] = [
  { name: 'one digit run', make: (n) => repeatTo('4929', n) },
  { name: 'digit groups (phones, cards)', make: (n) => repeatTo('4111 1111 ', n) },
  { name: "digits and '+'", make: (n) => repeatTo('+47 00', n) },
  { name: 'repeated separators', make: (n) => repeatTo('1.-/ ,:', n) },
  { name: 'dotted digits (IPs, dates)', make: (n) => repeatTo('1.', n) },
  { name: 'colons and hex (IPv6)', make: (n) => repeatTo('a:0:', n) },
  { name: "many '@'", make: (n) => repeatTo('a@', n) },
  { name: "'@' and dots", make: (n) => repeatTo('a.b@c.', n) },
  { name: 'nested brackets', make: (n) => `${repeatTo('(+(', n / 2)}${repeatTo(')', n / 2)}` },
  { name: 'URL with closing brackets', make: (n) => `http://x.no/${repeatTo(')', n - 12)}` },
  { name: 'URL of dotted labels', make: (n) => `https://${repeatTo('a.', n - 8)}` },
  { name: 'hyphens after a domain', make: (n) => `a@b${repeatTo('-', n - 3)}` },
  { name: 'dotted labels (domains)', make: (n) => repeatTo('a.no.', n) },
  { name: 'identity look-alikes', make: (n) => repeatTo('01017000028 ', n) },
  { name: 'account look-alikes', make: (n) => repeatTo('1234.56.78904 ', n) },
  { name: 'IBAN starts', make: (n) => repeatTo('NO93 ', n) },
  { name: 'plates', make: (n) => repeatTo('AB 12345 ', n) },
  { name: 'dates and times', make: (n) => repeatTo('03.03.26 kl. 14.30 ', n) },
  { name: "'kl.' without a time", make: (n) => repeatTo('kl. ', n) },
  { name: 'base58 without spaces', make: (n) => repeatTo('1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf', n) },
  { name: 'bech32 and hex runs', make: (n) => `bc1q${repeatTo('a', n / 2 - 4)} 0x${repeatTo('f', n / 2 - 3)}` },
  { name: 'backtracking: word then !', make: (n) => `${repeatTo('a', n - 1)}!` },
  { name: 'backtracking: spaced digits then x', make: (n) => `${repeatTo('1 ', n - 1)}x` },
  { name: 'HTML: unclosed tags and quotes', make: (n) => repeatTo('<a href="x', n) },
  { name: 'Unicode soup', make: (n) => soup(UNICODE_ALPHABET, n, 20_260_303) },
  { name: 'identifier soup', make: (n) => soup([...'0123456789 .:@+-/()[]abcdefwhtps\næøåNOMVAkl'], n, 7) },
];
