import { decodeHtmlEntities, htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('turns a typical e-mail body into readable text', () => {
    const html = `<!DOCTYPE html><html><head><title>Tips</title><style>p { color: red; }</style></head>
      <body><div>Hei,</div><p>Jeg s&aring; en bil med skilt <b>AB&nbsp;12345</b> ved kaia.</p>
      <p>Ring meg p&#229; 922&#x20;33&#32;444.<br>Mvh<br/>Kari</p><script>alert("x")</script></body></html>`;
    expect(htmlToText(html)).toBe('Hei,\n\nJeg så en bil med skilt AB\u00A012345 ved kaia.\n\nRing meg på 922 33 444.\nMvh\nKari');
  });

  it('drops comments, scripts and styles whatever their content', () => {
    expect(htmlToText('a<!-- <p>skjult</p> -->b<script>if (a < b) x = "</p>";</script>c<style>.x{}</style>d')).toBe('abcd');
  });

  it('keeps link targets that the link text does not show, as evidence', () => {
    expect(htmlToText('<a href="https://evil.example/login?x=1">klikk her</a>')).toBe('klikk her <https://evil.example/login?x=1>');
    expect(htmlToText('<a href="mailto:ola@x.no?subject=hei">Ola</a>')).toBe('Ola <ola@x.no>');
    expect(htmlToText('<a href="https://x.no">https://x.no</a>')).toBe('https://x.no');
  });

  it('lists items and table cells on their own lines and with spaces', () => {
    expect(htmlToText('<ul><li>en</li><li>to</li></ul><table><tr><td>Navn</td><td>Kari</td></tr></table>')).toBe('- en\n- to\n\nNavn Kari');
  });

  it('handles quoted > in attributes, stray < and unclosed quotes or tags', () => {
    expect(htmlToText('<p title="a > b">tekst</p>')).toBe('tekst');
    expect(htmlToText('3 < 4 og 5 > 2')).toBe('3 < 4 og 5 > 2');
    // An unclosed quote falls back to the next ">", so the text after it is not lost.
    expect(htmlToText('før <p title="uavsluttet>etter')).toBe('før\n\netter');
    // A '<' that never closes is text.
    expect(htmlToText('før <p title=x')).toBe('før <p title=x');
  });

  it('keeps image alt text', () => {
    expect(htmlToText('<p>Se <img src="x.png" alt="kart over området"> her</p>')).toBe('Se kart over området her');
  });

  it('returns in reasonable time on 1 MB of adversarial markup (no assertion on time)', () => {
    for (const input of ['<a '.repeat(300_000), '<'.repeat(1_000_000), '<a href=x>'.repeat(100_000), '<p title="'.repeat(100_000), '&#'.repeat(500_000)]) {
      expect(typeof htmlToText(input)).toBe('string');
    }
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hex references; leaves unknown names; replaces invalid code points', () => {
    expect(decodeHtmlEntities('&AElig;&oslash;&aring; &#8364; &#x1F600; &ukjent; &#0; &#xD800;')).toBe('Æøå € 😀 &ukjent; \uFFFD \uFFFD');
  });
});
