import type { Entity } from '@mottak/domain';
import { entityAt, type Extractor } from './extractor';
import { countLeading, countTrailing } from './text-boundaries';

/**
 * Candidate runs of characters that may appear in an address, '@' included. A single greedy class
 * with nothing after it never backtracks, so the scan is linear; structure is checked in code.
 */
const RUN = /[\p{L}\p{N}._%+\-@]+/gu;
const LOCAL_CHAR = /^[\p{L}\p{N}._%+-]+$/u;
const LABEL_CHAR = /^[\p{L}\p{N}-]+$/u;
const TLD = /^\p{L}{2,63}$/u;

/** One DNS label: 1–63 letters/digits/hyphens, not starting or ending with a hyphen. */
export function isDomainLabel(label: string): boolean {
  return label.length > 0 && label.length <= 63 && LABEL_CHAR.test(label) && !label.startsWith('-') && !label.endsWith('-');
}

/** A host name with at least two labels and an alphabetic top-level label (e.g. `politiet.no`). */
export function isDomainName(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every(isDomainLabel) && TLD.test(labels[labels.length - 1] ?? '');
}

function isLocalPart(local: string): boolean {
  return (
    local.length > 0 &&
    local.length <= 64 &&
    LOCAL_CHAR.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..')
  );
}

/** E-mail addresses; the value is lower-cased. */
export const emailExtractor: Extractor = {
  types: ['email'],
  blockedBy: [],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(RUN)) {
      const run = match[0];
      if (!run.includes('@')) continue;
      const segments = run.split('@');
      let offset = match.index; // start of segments[i] in text
      let consumed = false; // segments[i] was the domain of the previous address
      for (let i = 0; i + 1 < segments.length; i++) {
        const localRaw = segments[i] ?? '';
        const domainRaw = segments[i + 1] ?? '';
        const localStart = offset + countLeading(localRaw, '.');
        const local = text.slice(localStart, offset + localRaw.length);
        // Sentence punctuation after the address is not part of it.
        const domain = domainRaw.slice(0, domainRaw.length - countTrailing(domainRaw, '.-'));
        offset += localRaw.length + 1;
        if (consumed) {
          consumed = false;
          continue;
        }
        if (!isLocalPart(local) || !isDomainName(domain)) continue;
        const end = offset + domain.length;
        found.push(entityAt(text, 'email', localStart, end, text.slice(localStart, end).toLowerCase()));
        consumed = true;
      }
    }
    return found;
  },
};
