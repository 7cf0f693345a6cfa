const MARK_TAGS = /<\/?mark>/g;

/**
 * The snippet as HTML if it is what the API promises (escaped text whose only tags are <mark> and
 * </mark>); otherwise undefined, and the caller shows it as text. Without `<` or `>` outside the
 * mark tags no element or attribute can be formed, so the check is complete, not a filter.
 */
export function safeSnippetHtml(snippet: string): string | undefined {
  const withoutMarks = snippet.replace(MARK_TAGS, '');
  if (withoutMarks.includes('<') || withoutMarks.includes('>')) return undefined;
  // Opened and closed marks must pair up, or the markup would swallow the rest of the page's text.
  const opens = (snippet.match(/<mark>/g) ?? []).length;
  const closes = (snippet.match(/<\/mark>/g) ?? []).length;
  return opens === closes ? snippet : undefined;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The snippet as plain text (marks dropped, the basic escapes undone) for rendering as text. */
export function snippetText(snippet: string): string {
  return snippet.replace(MARK_TAGS, '').replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}
