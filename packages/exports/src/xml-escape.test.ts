import { escapeXml, xmlElement } from './xml-escape';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('replaces characters XML 1.0 cannot carry and keeps tab, newline and CR', () => {
    expect(escapeXml('a\u0000b\u0007c\u001Fd\uFFFEe\uFFFF')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD');
    expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc&#13;d');
  });

  it('keeps surrogate pairs but replaces lone surrogates', () => {
    expect(escapeXml('😀')).toBe('😀');
    expect(escapeXml('x\uD83Dy\uDE00z')).toBe('x\uFFFDy\uFFFDz');
  });

  it('writes an element only for present values', () => {
    expect(xmlElement('tittel', 'a<b', '  ')).toBe('  <tittel>a&lt;b</tittel>\n');
    expect(xmlElement('tittel', undefined)).toBe('');
  });
});
