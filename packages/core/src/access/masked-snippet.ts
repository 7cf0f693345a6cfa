import { markedSnippet, SNIPPET_MARK_END, SNIPPET_MARK_START } from '../search-snippet';

/** Characters of context before the first match, and the longest snippet. */
const LEAD = 60;
const MAX_LENGTH = 240;

/**
 * A snippet built from already-masked text: the window around the first query word, every query
 * word marked, HTML-escaped like every other snippet. Used for readers who must see personal data
 * masked, because an engine's own snippet is cut from the unmasked text.
 */
export function snippetFromText(text: string, queryText: string): string {
  const words = [...new Set(queryText.toLocaleLowerCase('nb').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))];
  const pattern = words.length > 0 ? new RegExp(words.map(escapeRegExp).join('|'), 'giu') : undefined;
  const first = pattern ? pattern.exec(text) : null;
  let start = first ? Math.max(0, first.index - LEAD) : 0;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < (first?.index ?? start)) start = space + 1;
  }
  let end = Math.min(text.length, start + MAX_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const window = text.slice(start, end);
  const delimited = pattern ? window.replace(pattern, (match) => `${SNIPPET_MARK_START}${match}${SNIPPET_MARK_END}`) : window;
  return `${start > 0 ? '…' : ''}${markedSnippet(delimited)}${end < text.length ? '…' : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
