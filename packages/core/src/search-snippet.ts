/**
 * Snippets cross from the search engine to a browser, so every index adapter builds them the same
 * way: the engine wraps matches in these control characters (which never occur in indexed text),
 * then `markedSnippet` HTML-escapes the whole text and only then turns the delimiters into `<mark>`.
 * A report body containing `<script>` thus always arrives escaped.
 */
export const SNIPPET_MARK_START = '\u0002';
export const SNIPPET_MARK_END = '\u0003';

/** Escapes text for HTML: it is never markup. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** HTML-escapes a snippet with delimited matches and turns the delimiters into `<mark>` tags. */
export function markedSnippet(delimited: string): string {
  return escapeHtml(delimited).replaceAll(SNIPPET_MARK_START, '<mark>').replaceAll(SNIPPET_MARK_END, '</mark>');
}
