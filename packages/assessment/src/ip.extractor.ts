import { isIP } from 'node:net';
import type { Entity } from '@mottak/domain';
import { entityAt, type Extractor } from './extractor';
import { charAt, charBefore, countLeading, countTrailing, isWordChar } from './text-boundaries';

/** Maximal runs of digits and dots; dotted-quad structure is checked in code (linear scan). */
const IPV4_RUN = /[0-9.]+/g;
/** Maximal runs of hex digits, colons and dots (dots for IPv4-mapped tails such as ::ffff:10.0.0.1). */
/** Characters an IPv6 address (with an embedded IPv4 tail) is written with. */
function isIPv6Char(code: number): boolean {
  return (code >= 48 && code <= 58) || code === 46 || (code >= 65 && code <= 70) || (code >= 97 && code <= 102); // 0-9 : . A-F a-f
}

/**
 * The maximal runs of IPv6 characters that hold a colon, found from the colons outward: a regex over
 * every run would visit every word made of the letters a–f (most Norwegian and English prose).
 */
function* ipv6Runs(text: string): Generator<{ index: number; run: string }> {
  let from = 0;
  for (;;) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return;
    let start = colon;
    while (start > 0 && isIPv6Char(text.charCodeAt(start - 1))) start -= 1;
    let end = colon + 1;
    while (end < text.length && isIPv6Char(text.charCodeAt(end))) end += 1;
    yield { index: start, run: text.slice(start, end) };
    from = end;
  }
}
/** Longest textual IPv6 form (eight groups or six groups plus a dotted quad); longer runs are not addresses. */
const MAX_IPV6_LENGTH = 45;
const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** True for a dotted quad with octets 0–255 and no leading zeros (which some tools read as octal). */
export function isIPv4(candidate: string): boolean {
  if (candidate.length > 15) return false;
  const parts = candidate.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p) && Number(p) <= 255);
}

/**
 * End of a CIDR prefix length written right after an address ("10.0.0.0/8", "2001:db8::/32"), or
 * `end` unchanged when there is none. The prefix must stand alone (not "/24.5", not "/24abc").
 */
export function cidrEnd(text: string, end: number, maxPrefix: number): number {
  if (text[end] !== '/') return end;
  const prefix = /^(?:0|[1-9][0-9]{0,2})/.exec(text.slice(end + 1, end + 4))?.[0];
  if (prefix === undefined || Number(prefix) > maxPrefix) return end;
  const after = end + 1 + prefix.length;
  if (isWordChar(charAt(text, after)) || (/[.,/]/.test(text[after] ?? '') && /[0-9]/.test(text[after + 1] ?? ''))) return end;
  return after;
}

/**
 * IPv4 addresses standing alone: not inside a longer dotted number or version string (1.2.3.4.5), nor
 * glued to a word. A CIDR prefix is part of the entity: value `10.0.0.0/8`.
 */
export const ipv4Extractor: Extractor = {
  types: ['ipv4'],
  blockedBy: ['ipv6'],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(IPV4_RUN)) {
      const run = match[0];
      const lead = countLeading(run, '.');
      // A leading dot glued to a word ("host.10.0.0.1", "v.1.2.3.4") makes the run part of something longer.
      if (lead > 0 && isWordChar(charBefore(text, match.index))) continue;
      const start = match.index + lead;
      const end = match.index + run.length - countTrailing(run, '.'); // sentence full stop
      if (end <= start) continue;
      if (isWordChar(charBefore(text, start)) || isWordChar(charAt(text, end))) continue;
      const candidate = text.slice(start, end);
      if (!isIPv4(candidate)) continue;
      const withPrefix = cidrEnd(text, end, 32);
      found.push(entityAt(text, 'ipv4', start, withPrefix, text.slice(start, withPrefix)));
    }
    return found;
  },
};

/** RFC 5952-style canonical text (lower case, longest zero run compressed), via the WHATWG URL serialiser. */
export function canonicalIPv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** Trims sentence punctuation and a label glued on the left ("IP:fe80::1" reads as "e:fe80::1" otherwise). */
function ipv6Bounds(text: string, runStart: number, run: string): [number, number] | undefined {
  let start = runStart;
  let candidate = run;
  if (isWordChar(charBefore(text, start))) {
    const colon = candidate.indexOf(':');
    if (colon < 0) return undefined;
    start += colon + 1;
    candidate = candidate.slice(colon + 1);
  }
  if (candidate.startsWith(':') && !candidate.startsWith('::')) {
    start += 1;
    candidate = candidate.slice(1);
  }
  let end = start + candidate.length - countTrailing(candidate, '.');
  if (text[end - 1] === ':' && text[end - 2] !== ':') end -= 1;
  return end > start ? [start, end] : undefined;
}

/** IPv6 addresses (full and compressed forms) validated by node:net; values are canonical, a CIDR prefix kept (`2001:db8::/32`). */
export const ipv6Extractor: Extractor = {
  types: ['ipv6'],
  blockedBy: [],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of ipv6Runs(text)) {
      const run = match.run;
      if (run.indexOf(':') === run.lastIndexOf(':')) continue; // fewer than two colons: not IPv6
      const bounds = ipv6Bounds(text, match.index, run);
      if (!bounds) continue;
      const [start, end] = bounds;
      if (isWordChar(charAt(text, end))) continue; // "2001:db8::1xyz"
      const candidate = text.slice(start, end);
      // A digit is required so that prose such as "dead::beef" or a bare "::" is not taken for an address.
      if (candidate.length > MAX_IPV6_LENGTH || !/[0-9]/.test(candidate) || isIP(candidate) !== 6) continue;
      const withPrefix = cidrEnd(text, end, 128);
      found.push(entityAt(text, 'ipv6', start, withPrefix, canonicalIPv6(candidate) + text.slice(end, withPrefix)));
    }
    return found;
  },
};
