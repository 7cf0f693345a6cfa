import fc from 'fast-check';
import type { Entity } from '@mottak/domain';
import { extractEntities } from './extract-entities';
import { normalizeText } from './normalize';
import { validIdNumber } from './__fixtures__/fodselsnummer.arbitrary';

const summary = (text: string) => extractEntities(text).map((e) => `${e.type}:${e.value}`);

function expectWellFormed(text: string, entities: Entity[]): void {
  const seen = new Set<string>();
  entities.forEach((e, i) => {
    expect(text.slice(e.start, e.end)).toBe(e.raw);
    expect(e.end).toBeGreaterThan(e.start);
    if (i > 0) expect(e.start).toBeGreaterThanOrEqual(entities[i - 1]?.start ?? 0);
    const key = `${e.type}@${e.start}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  });
}

describe('extractEntities', () => {
  it('finds every type in a realistic Norwegian report, sorted by position', () => {
    const text = normalizeText(
      'Tipser (tlf 922 33 444, kari@eksempel.no) sier at fnr 150585 07439 og D-nr 71019900058 ' +
        'brukte IP 10.20.30.40 og 2001:db8::5 mot https://www.example.com/login.',
    );
    const entities = extractEntities(text);
    expect(entities.map((e) => `${e.type}:${e.value}`)).toEqual([
      'phone:+4792233444',
      'email:kari@eksempel.no',
      'fodselsnummer:15058507439',
      'd-nummer:71019900058',
      'ipv4:10.20.30.40',
      'ipv6:2001:db8::5',
      'url:https://www.example.com/login',
    ]);
    expectWellFormed(text, entities);
  });

  it('does not report a valid fødselsnummer or D-nummer as a phone as well', () => {
    expect(summary('01017000027')).toEqual(['fodselsnummer:01017000027']);
    expect(summary('450585 03782')).toEqual(['d-nummer:45058503782']);
  });

  it('does not report phones inside IP addresses, URLs or e-mail addresses', () => {
    expect(summary('92.23.34.44')).toEqual(['ipv4:92.23.34.44']);
    expect(summary('https://x.no/sak/92233444')).toEqual(['url:https://x.no/sak/92233444']);
    expect(summary('92233444@sms.example.no')).toEqual(['email:92233444@sms.example.no']);
  });

  it('does not report the IPv4 tail of an IPv4-mapped IPv6 address separately', () => {
    expect(summary('::ffff:10.0.0.1')).toEqual(['ipv6:::ffff:a00:1']);
  });

  it('reports an e-mail address inside a URL as both (both are searchable identifiers)', () => {
    expect(summary('https://x.no/?til=ola@x.no')).toEqual(['url:https://x.no/?til=ola@x.no', 'email:ola@x.no']);
  });

  it('returns nothing for plain text', () => {
    expect(extractEntities('Ingen identifikatorer her, bare tekst om bål og brann.')).toEqual([]);
    expect(extractEntities('')).toEqual([]);
  });

  it('finds identifiers hidden with zero-width characters once the text is normalised', () => {
    expect(summary(normalizeText('922\u200B33\u200B444 og ola\u200D@x.no'))).toEqual(['phone:+4792233444', 'email:ola@x.no']);
  });
});

describe('extractEntities on adversarial input (must return; no timing asserted)', () => {
  const MB = 1_000_000;
  it.each([
    ["'a@' repeated", () => 'a@'.repeat(MB / 2)],
    ["'1.' repeated", () => '1.'.repeat(MB / 2)],
    ['one million digits', () => '1'.repeat(MB)],
    ["'1 ' repeated", () => '1 '.repeat(MB / 2)],
    ['colons and hex', () => 'a:'.repeat(MB / 2)],
    ['URL with a million closing brackets', () => `http://x.no/${')'.repeat(MB)}`],
    ['e-mail with a million hyphens', () => `a@b${'-'.repeat(MB)}`],
  ])('%s', (_name, make) => {
    const text = make();
    const entities = extractEntities(text);
    expect(Array.isArray(entities)).toBe(true);
    expectWellFormed(text, entities);
  });
});

describe('extractEntities properties', () => {
  it('never throws on arbitrary Unicode and every entity slices to its raw text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const text = normalizeText(s);
        expectWellFormed(text, extractEntities(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on identifier-like character soup and every entity slices to its raw text', () => {
    const unit = fc.constantFrom(...'0123456789 .:@+-/()[]abcdefwhtps\næøå'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        expectWellFormed(text, extractEntities(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a generated valid fødselsnummer/D-nummer among other identifiers and never as a phone', () => {
    fc.assert(
      fc.property(validIdNumber, ({ digits, kind }) => {
        const entities = extractEntities(`Ring 922 33 444 om ${digits}.`);
        expect(entities.map((e) => `${e.type}:${e.value}`)).toEqual(['phone:+4792233444', `${kind}:${digits}`]);
      }),
      { numRuns: 300 },
    );
  });
});
