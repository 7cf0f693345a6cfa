import fc from 'fast-check';
import type { Entity } from '@mottak/domain';
import { extractEntities, extractEntityScan } from './extract-entities';
import { normalizeText } from './normalize';
import { validIdNumber } from './__fixtures__/fodselsnummer.arbitrary';

const summary = (text: string) => extractEntities(text).map((e) => `${e.type}:${e.value}`);

/** Checks slices, order and uniqueness in a plain loop with one assertion, so 100 000 entities stay cheap to check. */
function expectWellFormed(text: string, entities: Entity[]): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  entities.forEach((e, i) => {
    if (text.slice(e.start, e.end) !== e.raw) problems.push(`raw ${e.type}@${e.start}`);
    if (e.end <= e.start) problems.push(`empty ${e.type}@${e.start}`);
    if (i > 0 && e.start < (entities[i - 1]?.start ?? 0)) problems.push(`order ${e.type}@${e.start}`);
    const key = `${e.type}@${e.start}`;
    if (seen.has(key)) problems.push(`duplicate ${key}`);
    seen.add(key);
  });
  expect(problems.slice(0, 5)).toEqual([]);
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

describe('extractEntities: new identifier types and overlaps', () => {
  it('finds every new type in one realistic report', () => {
    const text = normalizeText(
      'Hendelsen skjedde 3. mars 2026 kl. 14.30. Bil AB 12345 kjørte fra kaia. Firmaet (NO 923 609 016 MVA) ' +
        'betalte fra 1234.56.78903 til NO93 8601 1117 947 med kort 4111 1111 1111 1111. Se evil-site.no. ' +
        'H-nr 01419012382. Krypto: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa og 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed. Nett 10.0.0.0/8.',
    );
    expect(extractEntities(text).map((e) => `${e.type}:${e.value}`)).toEqual([
      'tidspunkt:2026-03-03T14:30',
      'kjennemerke:AB12345',
      'orgnr:923609016',
      'kontonummer:12345678903',
      'iban:NO9386011117947',
      'betalingskort:4111111111111111',
      'domene:evil-site.no',
      'h-nummer:01419012382',
      'bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      'ethereum:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      'ipv4:10.0.0.0/8',
    ]);
  });

  it('gives one entity per span, by the documented precedence', () => {
    // 11 bare digits valid as both fødselsnummer and kontonummer: the identity number wins.
    expect(summary('01017000027')).toEqual(['fodselsnummer:01017000027']);
    // A domain inside an e-mail or URL is not reported on its own.
    expect(summary('ola@politiet.no og https://politiet.no/tips')).toEqual(['email:ola@politiet.no', 'url:https://politiet.no/tips']);
    // The account number inside a Norwegian IBAN stays part of the IBAN; no phone in a card, orgnr or date.
    expect(summary('NO9386011117947')).toEqual(['iban:NO9386011117947']);
    expect(summary('4111 1111 1111 1111')).toEqual(['betalingskort:4111111111111111']);
    expect(summary('923 609 016')).toEqual(['orgnr:923609016']);
    expect(summary('22.03.2024')).toEqual(['tidspunkt:2024-03-22']);
  });

  it('never reports two overlapping entities outside URLs and e-mail addresses (property)', () => {
    const pieces = [
      '01017000027', '150585 07439', '01419012382', '923 609 016', 'NO 974 078 139 MVA', '1234.56.78903', '12345678903',
      'NO93 8601 1117 947', '4111 1111 1111 1111', '922 33 444', '10.0.0.0/8', '2001:db8::/32', 'example.no', 'AB 12345',
      '3. mars 2026 kl. 14.30', '03.03.26', 'kl. 9', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'ola@x.no',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), fc.array(fc.constantFrom(' ', ', ', '\n', ' og ', ''), { minLength: 8, maxLength: 8 }), (parts, seps) => {
        const text = parts.map((p, i) => p + (seps[i] ?? ' ')).join('');
        const entities = extractEntities(text).filter((e) => e.type !== 'url' && e.type !== 'email');
        for (let i = 1; i < entities.length; i++) expect(entities[i]?.start).toBeGreaterThanOrEqual(entities[i - 1]?.end ?? 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('extractEntityScan: possible identifiers', () => {
  it('lists look-alikes failing validation with a Norwegian reason, and no entity for them', () => {
    const text = 'fnr 01017000028, orgnr 923 609 017, konto 1234.56.78904, IBAN NO94 8601 1117 947, kort 4111 1111 1111 1112';
    const { entities, possibleIdentifiers } = extractEntityScan(text);
    expect(entities).toEqual([]);
    expect(possibleIdentifiers.map((p) => [p.type, p.raw, p.reason])).toEqual([
      ['fodselsnummer', '01017000028', 'kontrollsifrene stemmer ikke (mod 11)'],
      ['orgnr', '923 609 017', 'kontrollsifferet stemmer ikke (mod 11)'],
      ['kontonummer', '1234.56.78904', 'kontrollsifferet stemmer ikke (mod 11)'],
      ['iban', 'NO94 8601 1117 947', 'kontrollsifrene stemmer ikke (mod 97)'],
      ['betalingskort', '4111 1111 1111 1112', 'Luhn-kontrollen feiler'],
    ]);
    for (const p of possibleIdentifiers) expect(text.slice(p.start, p.end)).toBe(p.raw);
  });

  it('drops a look-alike whose characters have a valid reading', () => {
    // 12345678903 fails as a fødselsnummer (date 12.34) but is a valid kontonummer; 31017000027 fails as fnr and kontonummer.
    const scan = extractEntityScan('12345678903 og 31027000027');
    expect(scan.entities.map((e) => e.type)).toEqual(['kontonummer']);
    expect(scan.possibleIdentifiers.map((p) => [p.type, p.raw, p.reason])).toEqual([['fodselsnummer', '31027000027', 'ugyldig dato']]);
  });

  it('reads compact E.164 numbers as phones even when their digits would pass for an identity or account number', () => {
    // 12029458288 reads as a fødselsnummer look-alike (12.02.94) and 48781451285 passes the kontonummer mod 11.
    const scan = extractEntityScan('Ring +12029458288 eller +48781451285.');
    expect(scan.entities.map((e) => `${e.type}:${e.value}`)).toEqual(['phone:+12029458288', 'phone:+48781451285']);
    expect(scan.possibleIdentifiers).toEqual([]);
  });

  it('keeps extractEntities equal to the entities of the scan', () => {
    const text = 'Ring 922 33 444, fnr 01017000028';
    expect(extractEntities(text)).toEqual(extractEntityScan(text).entities);
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
    ['card-like groups', () => '4111 '.repeat(MB / 5)],
    ['failing fødselsnummer look-alikes', () => '01017000028 '.repeat(MB / 12)],
    ['plates', () => 'AB 12345 '.repeat(MB / 9)],
    ['dates and times', () => '03.03.26 kl. 14.30 '.repeat(MB / 19)],
    ['IBAN starts', () => 'NO93 '.repeat(MB / 5)],
    ['base58 soup', () => '1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf'.repeat(MB / 32)],
    ['bech32 start and hex', () => `bc1q${'a'.repeat(MB)} 0x${'f'.repeat(MB)}`],
    ['dotted labels', () => 'a.no.'.repeat(MB / 5)],
  ])('%s', (_name, make) => {
    const text = make();
    const { entities, possibleIdentifiers } = extractEntityScan(text);
    expect(Array.isArray(entities)).toBe(true);
    expect(Array.isArray(possibleIdentifiers)).toBe(true);
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
