import { maskPersonalData } from './personal-data-mask';
import { snippetFromText } from './masked-snippet';

describe('masking personal data', () => {
  it('masks every personal identifier and keeps the rest of the text', () => {
    const masked = maskPersonalData('Ola (01010012356) ringte fra 922 33 444, e-post ola@example.no, bil AB 12345, fra 203.0.113.45.');
    expect(masked).toBe(
      'Ola ([fødselsnummer skjult]) ringte fra [telefonnummer skjult], e-post [e-postadresse skjult], bil [kjennemerke skjult], fra 203.0.113.45.',
    );
  });

  it('is not fooled by zero-width characters or non-breaking spaces inside an identifier', () => {
    expect(maskPersonalData('fnr 0101\u200B0012356 og tlf 922\u00A033\u00A0444')).toBe('fnr [fødselsnummer skjult] og tlf [telefonnummer skjult]');
  });

  it('masks a mistyped fødselsnummer (a look-alike failing its checksum) too', () => {
    expect(maskPersonalData('fnr 01010012357')).not.toContain('01010012357');
  });

  it('builds snippets from masked text with the query words marked and HTML escaped', () => {
    const snippet = snippetFromText(maskPersonalData('Han <b>ringte</b> fra 922 33 444 om kraftstasjonen.'), 'kraftstasjonen');
    expect(snippet).toBe('Han &lt;b&gt;ringte&lt;/b&gt; fra [telefonnummer skjult] om <mark>kraftstasjonen</mark>.');
  });
});
