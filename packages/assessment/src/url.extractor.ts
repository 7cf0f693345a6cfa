import type { Entity } from '@mottak/domain';
import { entityAt, type Extractor } from './extractor';

/**
 * `http://`, `https://` or `www.` at a word start, then everything up to white space, angle brackets,
 * double quotes or guillemets. The tail is a single greedy class with nothing after it (no backtracking).
 */
const CANDIDATE = /(?<![\p{L}\p{N}_.-])(?:https?:\/\/|www\.)[^\s<>"«»]+/giu;
/** Characters that end a sentence or clause rather than a URL. */
const TRAILING = '.,;:!?\'’”*';
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Drops trailing punctuation, and closing brackets that have no partner inside the URL ("(se https://x.no)"). */
function trimTrailing(candidate: string): string {
  const counts = new Map<string, number>();
  for (const c of candidate) if ('()[]{}'.includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  let end = candidate.length;
  while (end > 0) {
    const last = candidate.charAt(end - 1);
    const opener = CLOSERS[last];
    if (TRAILING.includes(last)) {
      end--;
    } else if (opener !== undefined && (counts.get(opener) ?? 0) < (counts.get(last) ?? 0)) {
      counts.set(last, (counts.get(last) ?? 0) - 1);
      end--;
    } else {
      break;
    }
  }
  return candidate.slice(0, end);
}

/** Absolute URL with lower-cased scheme and host (www. forms get `http://`), or undefined if not a usable URL. */
export function normalizeUrl(raw: string): string | undefined {
  const schemeMatch = /^https?:\/\//i.exec(raw);
  const scheme = schemeMatch ? schemeMatch[0].toLowerCase() : 'http://';
  const rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw;
  const hostEnd = [...'/?#'].map((c) => rest.indexOf(c)).filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), rest.length);
  const host = rest.slice(0, hostEnd).toLowerCase();
  const tail = rest.slice(hostEnd) === '/' ? '' : rest.slice(hostEnd);
  const hostname = host.replace(/^[^@]*@/, '').replace(/:[0-9]*$/, '');
  const labels = hostname.split('.');
  const isBracketedIp = hostname.startsWith('[') && hostname.endsWith(']');
  if (!isBracketedIp && (labels.length < 2 || labels.some((label) => label === ''))) return undefined;
  const value = scheme + host + tail;
  try {
    new URL(value);
  } catch {
    return undefined;
  }
  return value;
}

/** http(s) and www. URLs; trailing punctuation and unbalanced closing brackets are not part of the URL. */
export const urlExtractor: Extractor = {
  types: ['url'],
  blockedBy: [],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const raw = trimTrailing(match[0]);
      const value = normalizeUrl(raw);
      if (value === undefined) continue;
      found.push(entityAt(text, 'url', match.index, match.index + raw.length, value));
    }
    return found;
  },
};
