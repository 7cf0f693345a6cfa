import { findKeyword, keywordText } from './keyword-match';

const find = (text: string, keyword: string) => findKeyword(keywordText(text), keyword);

describe('findKeyword', () => {
  it('matches whole words case-insensitively', () => {
    expect(find('Han nevnte en BOMBE i går', 'bombe')).toBe('bombe');
    expect(find('Han nevnte en bombe', 'Bombe')).toBe('bombe');
  });

  it('does not match inside longer words', () => {
    expect(find('bomber og rørbombe', 'bombe')).toBeUndefined();
    expect(find('dataangrepet', 'angrep')).toBeUndefined();
  });

  it('treats æ, ø and å as letters, not word boundaries', () => {
    expect(find('kartleggingsøvelse', 'kartlegging')).toBeUndefined();
    expect(find('våpenet', 'våpen')).toBeUndefined();
    expect(find('med våpen.', 'våpen')).toBe('våpen');
    expect(find('øbål', 'bål')).toBeUndefined();
  });

  it('matches phrases across any white space and line breaks', () => {
    expect(find('angrep på kritisk\n  infrastruktur', 'kritisk infrastruktur')).toBe('kritisk infrastruktur');
    expect(find('kritisk infrastrukturen', 'kritisk infrastruktur')).toBeUndefined();
  });

  it('matches on normalised text (zero-width characters, NFKC)', () => {
    expect(find('bo\u200Bmbe', 'bombe')).toBe('bombe');
    expect(find('ｂｏｍｂｅ', 'bombe')).toBe('bombe');
  });

  it('with a trailing * matches any continuation and returns the whole word', () => {
    expect(find('En bombetrussel ble mottatt', 'bomb*')).toBe('bombetrussel');
    expect(find('etterretningstjenesten', 'etterretning*')).toBe('etterretningstjenesten');
    expect(find('rørbombe', 'bomb*')).toBeUndefined();
  });

  it('keeps looking after a non-matching occurrence', () => {
    expect(find('bomber, så en bombe', 'bombe')).toBe('bombe');
  });

  it('never matches an empty keyword', () => {
    expect(find('tekst', '  ')).toBeUndefined();
  });
});
