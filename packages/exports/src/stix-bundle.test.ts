import { buildStixBundle, comparisonPattern, type StixBundle, type StixObject } from './stix-bundle';
import { stableStixId } from './stix-ids';
import { TLP2_MARKING_IDS, tlpForGradering } from './stix-markings';
import { validateStixBundle } from './stix-validate';
import { registeredReport } from './test-reports.fixture';

const BUNDLE_ID = 'bundle--6f1e0c2a-1b2c-4d3e-8f40-123456789abc';

function ofType(bundle: StixBundle, type: string): StixObject[] {
  return bundle.objects.filter((o) => o.type === type);
}

describe('buildStixBundle', () => {
  it('builds a valid bundle: identity, one report per journalpost, indicators, TLP markings', () => {
    const bundle = buildStixBundle([registeredReport()], { producer: 'Mottak sentralt', maskPersonalData: false, bundleId: BUNDLE_ID });
    expect(validateStixBundle(bundle)).toEqual({ valid: true });
    const [identity] = ofType(bundle, 'identity');
    expect(identity).toMatchObject({ name: 'Mottak sentralt', identity_class: 'organization' });
    const [report] = ofType(bundle, 'report');
    expect(report).toMatchObject({
      id: stableStixId('report', 'r-1'),
      name: 'Mistenkelig trafikk',
      published: '2026-03-02T08:30:00.000Z',
      created_by_ref: identity!.id,
      object_marking_refs: [TLP2_MARKING_IDS.amber],
      external_references: [expect.objectContaining({ source_name: 'mottak', external_id: '2026/000001' })],
      labels: ['digital', 'p2'],
    });
    expect(ofType(bundle, 'indicator').map((i) => i.pattern)).toEqual([
      "[ipv4-addr:value = '198.51.100.7']",
      "[url:value = 'https://evil.example.com/x']",
      "[domain-name:value = 'evil.example.com']",
      "[email-addr:value = 'ola@example.no']",
    ]);
    expect(report!.object_refs).toEqual(ofType(bundle, 'indicator').map((i) => i.id));
    expect(ofType(bundle, 'marking-definition').map((m) => m.id)).toEqual([TLP2_MARKING_IDS.amber]);
  });

  it('with masking, leaves out personal identifiers from indicators, title and description', () => {
    const report = registeredReport({ title: 'Tips fra Ola Nordmann (01017000027)' });
    const bundle = buildStixBundle([report], { producer: 'Mottak', maskPersonalData: true, bundleId: BUNDLE_ID });
    expect(validateStixBundle(bundle)).toEqual({ valid: true });
    const text = JSON.stringify(bundle);
    for (const personal of ['01017000027', 'ola@example.no', '912 34 567', '91234567', 'Ola Nordmann']) expect(text).not.toContain(personal);
    const [stixReport] = ofType(bundle, 'report');
    expect(stixReport!.name).toBe('Tips fra [maskert] ([maskert])');
    expect(stixReport!.description).toBe(
      'Serveren 198.51.100.7 kontaktet https://evil.example.com/x. Melder: [maskert], tlf [maskert], fnr [maskert].',
    );
    expect(ofType(bundle, 'indicator').map((i) => i.pattern)).not.toContain("[email-addr:value = 'ola@example.no']");
  });

  it('shares one indicator between reports, marked as strictly as the strictest of them', () => {
    const open = registeredReport({ id: 'r-open', gradering: 'UGRADERT' });
    const secret = registeredReport({ id: 'r-secret', gradering: 'HEMMELIG' });
    const bundle = buildStixBundle([open, secret], { producer: 'Mottak', maskPersonalData: true, bundleId: BUNDLE_ID });
    expect(validateStixBundle(bundle)).toEqual({ valid: true });
    const ip = ofType(bundle, 'indicator').find((i) => i.pattern === "[ipv4-addr:value = '198.51.100.7']");
    expect(ip!.object_marking_refs).toEqual([TLP2_MARKING_IDS.red]);
    const reports = ofType(bundle, 'report');
    expect(reports.map((r) => r.object_marking_refs)).toEqual([[TLP2_MARKING_IDS.green], [TLP2_MARKING_IDS.red]]);
    expect(reports.every((r) => (r.object_refs as string[]).includes(ip!.id))).toBe(true);
  });

  it('keeps ids stable across exports and refers to the identity when a report has no indicators', () => {
    const plain = registeredReport({ assessment: { ...registeredReport().assessment!, entities: [] } });
    const a = buildStixBundle([plain], { producer: 'Mottak', maskPersonalData: true });
    const b = buildStixBundle([plain], { producer: 'Mottak', maskPersonalData: true });
    expect(a.id).not.toBe(b.id);
    expect(a.objects).toEqual(b.objects);
    expect(validateStixBundle(a)).toEqual({ valid: true });
    expect(ofType(a, 'report')[0]!.object_refs).toEqual([ofType(a, 'identity')[0]!.id]);
  });

  it('escapes quotes and backslashes in pattern literals', () => {
    expect(comparisonPattern('url', "https://x.example/a'b\\c")).toBe("[url:value = 'https://x.example/a\\'b\\\\c']");
  });
});

describe('tlpForGradering', () => {
  it('maps gradering to TLP 2.0, never to CLEAR', () => {
    expect(tlpForGradering('UGRADERT', false)).toBe('green');
    expect(tlpForGradering('UGRADERT', true)).toBe('amber');
    expect(tlpForGradering('BEGRENSET', false)).toBe('amber');
    expect(tlpForGradering('KONFIDENSIELT', false)).toBe('amber+strict');
    expect(tlpForGradering('HEMMELIG', false)).toBe('red');
    expect(tlpForGradering('STRENGT_HEMMELIG', false)).toBe('red');
  });
});
