import { indexWords, MARK_END, MARK_START, searchTerms, wordToken } from './search-text';
import { buildSnippet } from './snippet';

/** What Elasticsearch's highlighter returns for `body` with `matches` marked (on the words copy). */
function highlighted(body: string, ...matches: string[]): string {
  const words = indexWords(body).words.split(' ');
  return words.map((word) => (matches.includes(word) ? `${MARK_START}${word}${MARK_END}` : word)).join(' ');
}

describe('buildSnippet', () => {
  it('maps marks from the words copy back onto the words of the original text', () => {
    const body = 'Se 🚤 BÅT@havna.no – «båt» x² ½';
    expect(indexWords(body).words).toBe(`se båt havna no båt ${wordToken('x²')} ${wordToken('½')}`);
    expect(buildSnippet(body, highlighted(body, 'båt', wordToken('½')))).toBe(
      'Se 🚤 <mark>BÅT</mark>@havna.no – «<mark>båt</mark>» x² <mark>½</mark>',
    );
  });

  it('drops marks that do not fit the text rather than placing them wrongly', () => {
    expect(buildSnippet('alfa bravo', `${MARK_START}alfa${MARK_END} brav`)).toBe('alfa bravo');
  });

  it('centres a long body on the distinct matched words, with ellipses where text was cut', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[10] = 'ubåt';
    words[60] = 'ubåt';
    words[62] = 'havna';
    const body = words.join(' ');
    const snippet = buildSnippet(body, highlighted(body, 'ubåt', 'havna'));
    // The window with both words wins over the earlier lone match.
    expect(snippet).toBe(`…${words.slice(50, 74).join(' ').replace('ubåt', '<mark>ubåt</mark>').replace('havna', '<mark>havna</mark>')}…`);
  });

  it('escapes everything but its own marks', () => {
    expect(buildSnippet('<i>"x" & \'y\'</i>', undefined)).toBe('&lt;i&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/i&gt;');
    expect(buildSnippet('', undefined)).toBe('');
  });
});

describe('wordToken', () => {
  it('keeps Latin words, and turns every other word into one distinct letters-and-digits token', () => {
    expect(['Blåbær', 'KL16', 'ǅemal'].map(wordToken)).toEqual(['blåbær', 'kl16', 'ǆemal']);
    const others = ['x²', 'x', 'xz178', '½', '①②', '東京', '東京都', 'ꝺ120', 'Ⅻ', '٣٤', 'αβγ', 'ꝺ'];
    const tokens = others.map(wordToken);
    expect(new Set(tokens).size).toBe(others.length);
    expect(tokens.filter((token) => token.startsWith('\uA77A'))).toHaveLength(others.length - 2);
    expect(tokens.every((token) => /^[\p{L}\p{Nd}]+$/u.test(token))).toBe(true);
  });
});

describe('searchTerms', () => {
  it('reads only words and whole identifiers, identifiers first, capped like the FTS5 twin', () => {
    expect(searchTerms('Ubåt OR "havna" title:x -y*', [' +4792233444', 'Ola@Example.NO', ''])).toEqual({
      identifiers: [' +4792233444', 'ola@example.no'],
      words: ['ubåt', 'or', 'havna', 'title', 'x', 'y'],
    });
    const many = searchTerms(Array.from({ length: 80 }, (_, i) => `ord${i}`).join(' '), ['a', 'b']);
    expect(many.identifiers).toHaveLength(2);
    expect(many.words).toHaveLength(62);
  });
});
