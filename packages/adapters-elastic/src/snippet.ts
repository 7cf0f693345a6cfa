import { markedSnippet } from '@mottak/core';
import { indexWords, MARK_END, MARK_START, type Span } from './search-text';

/** Words in a snippet, as in the FTS5 twin's snippet(…, 24). */
const SNIPPET_TOKENS = 24;
const ELLIPSIS = '…';

/**
 * The snippet for one hit: up to 24 words of `body` around the matches, matched words wrapped in
 * `<mark>`, everything else HTML-escaped. `highlightedWords` is Elasticsearch's highlight of the
 * whole `bodyWords` field (the words copy of `body`) with matches between MARK_START and MARK_END;
 * undefined when nothing matched in the body, which gives the body's start.
 */
export function buildSnippet(body: string, highlightedWords: string | undefined): string {
  const { words, tokens, wordSpans } = indexWords(body);
  const marks = highlightedWords === undefined ? [] : markSpans(highlightedWords, words);
  // For each token whose word the highlighter marked, that word (to count distinct matches).
  const matched = new Map<number, string>();
  wordSpans.forEach((span, i) => {
    if (marks.some((mark) => mark.start < span.end && mark.end > span.start)) matched.set(i, words.slice(span.start, span.end));
  });
  const [first, last] = snippetWindow(tokens.length, matched);
  const from = first === 0 ? 0 : tokens[first]!.start;
  const to = last === tokens.length ? body.length : tokens[last - 1]!.end;

  let marked = '';
  let at = from;
  for (let i = first; i < last; i++) {
    if (!matched.has(i)) continue;
    const token = tokens[i]!;
    marked += `${body.slice(at, token.start)}${MARK_START}${body.slice(token.start, token.end)}${MARK_END}`;
    at = token.end;
  }
  marked += body.slice(at, to);
  const text = `${first > 0 ? ELLIPSIS : ''}${marked}${last < tokens.length ? ELLIPSIS : ''}`;
  return markedSnippet(text);
}

/**
 * Where the highlighter put its marks, as offsets into the unmarked text. Empty when the marked
 * text is not `expected` with marks added (e.g. a highlight cut short by max_analyzed_offset): no
 * marks is better than marks in the wrong place.
 */
function markSpans(highlighted: string, expected: string): Span[] {
  const spans: Span[] = [];
  let plain = '';
  let open: number | undefined;
  for (const char of highlighted) {
    if (char === MARK_START) open = plain.length;
    else if (char === MARK_END && open !== undefined) {
      if (plain.length > open) spans.push({ start: open, end: plain.length });
      open = undefined;
    } else plain += char;
  }
  return plain === expected ? spans : [];
}

/**
 * The tokens [first, last) to show: all when they fit; otherwise the window holding the most
 * distinct matched words (then the most matches, then the earliest), centred on its matches.
 */
function snippetWindow(tokenCount: number, matched: Map<number, string>): [number, number] {
  if (tokenCount <= SNIPPET_TOKENS) return [0, tokenCount];
  const hits = [...matched.keys()];
  if (hits.length === 0) return [0, SNIPPET_TOKENS];

  const inWindow = (start: number) => hits.filter((i) => i >= start && i < start + SNIPPET_TOKENS);
  let best = { start: 0, score: -1 };
  for (const start of hits) {
    const window = inWindow(start);
    const score = new Set(window.map((i) => matched.get(i))).size * 1000 + window.length;
    if (score > best.score) best = { start, score };
  }
  const window = inWindow(best.start);
  const span = window[window.length - 1]! - window[0]! + 1;
  const start = Math.max(0, Math.min(best.start - Math.floor((SNIPPET_TOKENS - span) / 2), tokenCount - SNIPPET_TOKENS));
  return [start, start + SNIPPET_TOKENS];
}

