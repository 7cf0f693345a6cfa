import { foldForComparison, normalizeText } from './normalize';

describe('normalizeText', () => {
  it('applies NFKC (full-width digits and compatibility ligatures)', () => {
    expect(normalizeText('９２２３３４４４ ﬁl')).toBe('92233444 fil');
  });

  it('composes decomposed Norwegian letters', () => {
    expect(normalizeText('a\u030Arstid')).toBe('årstid');
  });

  it('removes zero-width characters', () => {
    expect(normalizeText('bo\u200Bm\u200Cb\u200De\u2060\uFEFF')).toBe('bombe');
  });

  it('turns no-break and narrow no-break spaces into spaces', () => {
    expect(normalizeText('922\u00A033\u202F444')).toBe('922 33 444');
  });

  it('turns CRLF and CR into LF', () => {
    expect(normalizeText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('is idempotent', () => {
    const once = normalizeText('Ａ\u200B\r\n\u00A0b');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('foldForComparison', () => {
  it('lower-cases and collapses white space', () => {
    expect(foldForComparison('  Kritisk\n\tINFRASTRUKTUR  ')).toBe('kritisk infrastruktur');
  });
});

describe('normalizeText: invisible characters', () => {
  it('removes soft hyphens, the combining grapheme joiner and invisible operators that can hide identifiers', () => {
    expect(normalizeText('922\u00AD33\u034F444\u2062')).toBe('92233444');
  });

  it('keeps right-to-left marks and the text around them', () => {
    expect(normalizeText('\u200Fمرحبا 922 33 444')).toBe('\u200Fمرحبا 922 33 444');
  });
});
