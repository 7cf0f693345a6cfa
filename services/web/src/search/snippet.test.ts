import { safeSnippetHtml, snippetText } from './snippet';

describe('search snippets', () => {
  it('accepts escaped text with <mark> only', () => {
    const snippet = 'ringte fra <mark>922 33 444</mark> &amp; sa &lt;hei&gt;';
    expect(safeSnippetHtml(snippet)).toBe(snippet);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<mark onclick="x">922</mark>',
    '<mark>922</mark><script>alert(1)</script>',
    'a > b',
    '<mark>unclosed',
    '<MARK>922</MARK>',
  ])('refuses anything else: %s', (snippet) => {
    expect(safeSnippetHtml(snippet)).toBeUndefined();
  });

  it('gives a plain-text fallback without marks and with the escapes undone', () => {
    expect(snippetText('<mark>Ola</mark> &amp; &lt;Kari&gt;')).toBe('Ola & <Kari>');
  });
});
