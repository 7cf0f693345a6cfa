/**
 * Text preparation shared by indexing and querying, so Elasticsearch sees exactly the words the
 * embedded FTS5 index sees. FTS5 (unicode61) splits text into runs of letters, digits and
 * private-use characters; Elasticsearch's standard tokenizer keeps `ola.nordmann` and `a_b` whole,
 * drops `½` and `①`, and splits `x²` and Chinese runs. So the adapter tokenizes itself and indexes a
 * words copy: one word per FTS5 token, separated by spaces, in a form the standard tokenizer keeps
 * as exactly one token (see wordToken).
 */

/** Control characters the highlighter wraps matches in; stripped from indexed text so only it can place them. */
export { SNIPPET_MARK_END as MARK_END, SNIPPET_MARK_START as MARK_START } from '@mottak/core';

/** More terms than this add nothing to precision and only make the query deep (as in FTS5). */
const MAX_TERMS = 64;
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
/**
 * Words the standard tokenizer keeps as one token and lower-cases as JavaScript does: Latin
 * letters and ASCII digits (all Norwegian words). The norwegian analyzer can stem these.
 */
const PLAIN_WORD = /^(?:(?!\uA77A)(?=\p{L})\p{Script=Latin}|[0-9])+$/u;
/** ꝺ (Latin small letter insular d): a letter, so the tokenizer keeps it with the digits around it. */
const ENCODED_MARK = '\uA77A';

export interface Span {
  start: number;
  end: number;
}

/** NFC so composed and decomposed æøå index alike; snippet delimiters cannot come from the text. */
export function indexableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the delimiters are control characters on purpose
  return text.normalize('NFC').replace(/[\u0002\u0003]/g, ' ');
}

/**
 * The lower-cased form of one FTS5 token that Elasticsearch indexes as exactly one token: plain
 * Latin words as they are, anything else as ꝺ followed by its code points in decimal, separated by
 * ꝺ (`x²` → `ꝺ120ꝺ178`). Injective: plain words never contain ꝺ, encoded ones always start with it;
 * digits at the end also keep a stemmer from shortening an encoded word.
 */
export function wordToken(token: string): string {
  const lower = token.toLowerCase();
  if (PLAIN_WORD.test(lower)) return lower;
  return [...lower].map((char) => `${ENCODED_MARK}${char.codePointAt(0)}`).join('');
}

/** The words copy of `text` (what the titleWords/bodyWords fields index) and where each word came from. */
export function indexWords(text: string): { words: string; tokens: Span[]; wordSpans: Span[] } {
  const tokens: Span[] = [];
  const wordSpans: Span[] = [];
  let words = '';
  for (const match of text.matchAll(WORD)) {
    const word = wordToken(match[0]);
    if (words.length > 0) words += ' ';
    wordSpans.push({ start: words.length, end: words.length + word.length });
    words += word;
    tokens.push({ start: match.index, end: match.index + match[0].length });
  }
  return { words, tokens, wordSpans };
}

/** Identifiers compare as NFC, lower-case whole values (the FTS5 twin's identifierToken is injective on these). */
export function normaliseIdentifier(identifier: string): string {
  return identifier.normalize('NFC').toLowerCase();
}

/**
 * What a query searches for: identifiers first (the most selective terms, they must survive the
 * cap), then words read as the FTS5 twin reads them (lower-cased, deduplicated), as word tokens.
 */
export function searchTerms(text: string, identifiers: string[]): { identifiers: string[]; words: string[] } {
  const ids = [...new Set(identifiers.map(normaliseIdentifier).filter((id) => id.length > 0))].slice(0, MAX_TERMS);
  const words = [...new Set(text.normalize('NFC').toLowerCase().match(WORD) ?? [])].slice(0, MAX_TERMS - ids.length);
  return { identifiers: ids, words: words.map(wordToken) };
}
