import { buildStixBundle, type StixBundle, type StixObject } from './stix-bundle';
import { stixPatternProblem, validateStixBundle } from './stix-validate';
import { registeredReport } from './test-reports.fixture';

function good(): StixBundle {
  return buildStixBundle([registeredReport()], { producer: 'Mottak', maskPersonalData: false, bundleId: 'bundle--6f1e0c2a-1b2c-4d3e-8f40-123456789abc' });
}

/** A good bundle with the first object of `type` changed by `edit`. */
function broken(type: string, edit: (object: StixObject) => void): StixBundle {
  const bundle = good();
  const object = bundle.objects.find((o) => o.type === type);
  if (!object) throw new Error(`no ${type}`);
  edit(object);
  return bundle;
}

function errorsOf(bundle: unknown): string[] {
  const result = validateStixBundle(bundle);
  return result.valid ? [] : result.errors;
}

describe('validateStixBundle', () => {
  it('accepts what buildStixBundle makes', () => {
    expect(validateStixBundle(good())).toEqual({ valid: true });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', [], /JSON-objekt/],
    ['wrong bundle type', { ...good(), type: 'collection' }, /type må være "bundle"/],
    ['bundle id not UUIDv4', { ...good(), id: 'bundle--6f1e0c2a-1b2c-1d3e-8f40-123456789abc' }, /bundle--<UUIDv4>/],
    ['spec_version on the bundle', { ...good(), spec_version: '2.1' }, /har ikke spec_version/],
    ['objects missing', { type: 'bundle', id: good().id }, /objects må være en liste/],
  ])('rejects a bundle with %s', (_name, bundle, message) => {
    expect(errorsOf(bundle)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it.each<[string, string, (o: StixObject) => void, RegExp]>([
    ['an id of another type', 'report', (o) => void (o.id = o.id.replace('report--', 'indicator--')), /id må ha formen report--<UUIDv4>/],
    ['an id that is not a UUID', 'indicator', (o) => void (o.id = 'indicator--1234'), /id må ha formen indicator--<UUIDv4>/],
    ['spec_version 2.0', 'identity', (o) => void (o.spec_version = '2.0'), /spec_version må være "2.1"/],
    ['created without milliseconds', 'report', (o) => void (o.created = '2026-03-02T08:00:00Z'), /created må være .* millisekunder/],
    ['created with an offset', 'report', (o) => void (o.created = '2026-03-02T08:00:00.000+01:00'), /created må være/],
    ['a 13th month', 'indicator', (o) => void (o.modified = '2026-13-02T08:00:00.000Z'), /modified må være/],
    ['modified before created', 'report', (o) => void (o.modified = '2020-01-01T00:00:00.000Z'), /modified er før created/],
    ['modified on a marking definition', 'marking-definition', (o) => void (o.modified = '2026-01-01T00:00:00.000Z'), /kan ikke ha modified/],
    ['no name on the identity', 'identity', (o) => void delete o.name, /påkrevd egenskap name mangler/],
    ['no published on the report', 'report', (o) => void delete o.published, /påkrevd egenskap published mangler/],
    ['empty object_refs', 'report', (o) => void (o.object_refs = []), /object_refs må være en liste med minst én/],
    ['no pattern', 'indicator', (o) => void delete o.pattern, /påkrevd egenskap pattern mangler/],
    ['no valid_from', 'indicator', (o) => void delete o.valid_from, /påkrevd egenskap valid_from mangler/],
    ['valid_until before valid_from', 'indicator', (o) => void (o.valid_until = '2000-01-01T00:00:00.000Z'), /valid_until må være etter/],
    ['a malformed pattern', 'indicator', (o) => void (o.pattern = "[ipv4-addr:value = '198.51.100.7'"), /pattern: mønsteret må ha formen/],
    ['an unescaped quote', 'indicator', (o) => void (o.pattern = "[url:value = 'a'b']"), /pattern: mønsteret/],
    ['an invalid IPv4 address', 'indicator', (o) => void (o.pattern = "[ipv4-addr:value = '300.1.1.1']"), /ugyldig IPv4/],
    ['another pattern type', 'indicator', (o) => void (o.pattern_type = 'sigma'), /pattern_type "stix"/],
    ['a dangling object ref', 'report', (o) => void (o.object_refs = ['indicator--6f1e0c2a-1b2c-4d3e-8f40-000000000000']), /object_refs\[0\] peker på .* ikke finnes/],
    ['created_by_ref to a non-identity', 'indicator', (o) => void (o.created_by_ref = 'report--6f1e0c2a-1b2c-4d3e-8f40-000000000000'), /created_by_ref må peke på en identity/],
    ['an unknown marking', 'report', (o) => void (o.object_marking_refs = ['marking-definition--6f1e0c2a-1b2c-4d3e-8f40-000000000000']), /object_marking_refs\[0\] peker på/],
    ['an unsupported type', 'identity', (o) => void (o.type = 'x-mottak-thing'), /støttes ikke/],
  ])('rejects %s', (_name, type, edit, message) => {
    expect(errorsOf(broken(type, edit))).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('rejects the same id twice and a ref to a missing identity', () => {
    const bundle = good();
    const identity = bundle.objects.find((o) => o.type === 'identity')!;
    bundle.objects.push({ ...identity });
    expect(errorsOf(bundle)).toEqual(expect.arrayContaining([expect.stringMatching(/finnes allerede i bundlen/)]));
    const orphan = good();
    orphan.objects = orphan.objects.filter((o) => o.type !== 'identity');
    expect(errorsOf(orphan)).toEqual(expect.arrayContaining([expect.stringMatching(/created_by_ref peker på identity--/)]));
  });

  it('accepts the predefined STIX 2.1 TLP markings without their objects', () => {
    const bundle = broken('report', (o) => void (o.object_marking_refs = ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82']));
    expect(validateStixBundle(bundle)).toEqual({ valid: true });
  });
});

describe('stixPatternProblem', () => {
  it('accepts the patterns Mottak emits, escapes included', () => {
    expect(stixPatternProblem("[ipv6-addr:value = '2001:db8::1']")).toBeUndefined();
    expect(stixPatternProblem("[email-addr:value = 'a@b.no']")).toBeUndefined();
    expect(stixPatternProblem("[url:value = 'https://x.example/a\\'b']")).toBeUndefined();
    expect(stixPatternProblem("[domain-name:value = 'under_score.example']")).toBe('ugyldig domenenavn');
    expect(stixPatternProblem("[file:name = 'x']")).toMatch(/mønsteret må ha formen/);
  });
});
