import { RuleSetError } from '@mottak/assessment';
import { isDomainError } from '@mottak/domain';
import { DEFAULT_DQ_CATALOGUE_PATH, defaultDqCatalogue, loadDqCatalogueFile, parseDqCatalogue } from './dq-catalogue.loader';

const VALID = `version: "1"
rules:
  - id: felt
    kind: required-fields
    dimension: completeness
    severity: blocking
    explanation: Tittel må finnes
    params:
      fields: [title]
  - id: frister
    kind: sla
    dimension: timeliness
    severity: warning
    explanation: Frister
    params:
      slas:
        P1: { assessWithinMinutes: 15, registerWithinMinutes: 60 }
`;

function parseError(text: string, source = 'test.dq.yaml'): RuleSetError {
  try {
    parseDqCatalogue(text, source);
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('expected parseDqCatalogue to throw');
}

describe('parseDqCatalogue', () => {
  it('parses a valid catalogue and fills in defaults', () => {
    const catalogue = parseDqCatalogue(VALID, 'test.dq.yaml');
    expect(catalogue.version).toBe('1');
    expect(catalogue.rules[0]).toEqual({
      id: 'felt',
      kind: 'required-fields',
      dimension: 'completeness',
      severity: 'blocking',
      explanation: 'Tittel må finnes',
      weight: 1,
      params: { fields: ['title'], perCategory: {} },
    });
  });

  it('parses the same catalogue written as JSON', () => {
    const json = JSON.stringify(parseDqCatalogue(VALID, 'a.yaml'), null, 2);
    expect(parseDqCatalogue(json, 'a.json')).toEqual(parseDqCatalogue(VALID, 'a.yaml'));
  });

  it('loads the shipped catalogue', () => {
    const catalogue = defaultDqCatalogue();
    expect(catalogue.rules.map((r) => r.dimension)).toEqual(
      expect.arrayContaining(['completeness', 'validity', 'consistency', 'timeliness', 'uniqueness']),
    );
    expect(Object.isFrozen(catalogue)).toBe(true);
    expect(loadDqCatalogueFile(DEFAULT_DQ_CATALOGUE_PATH)).toEqual(catalogue);
  });

  it('names file, line and reason for a bad severity', () => {
    const error = parseError(VALID.replace('severity: blocking', 'severity: fatal'));
    expect(error.code).toBe('RULESET_INVALID');
    expect(isDomainError(error)).toBe(true);
    expect(error.source).toBe('test.dq.yaml');
    expect(error.line).toBe(6);
    expect(error.reason).toContain('rules[0].severity');
    expect(error.message).toContain('test.dq.yaml, linje 6');
  });

  it('points at an unknown key', () => {
    const error = parseError(VALID.replace('      fields: [title]', '      fields: [title]\n      felter: [body]'));
    expect(error.line).toBe(10);
    expect(error.reason).toBe('rules[0].params.felter: ukjent nøkkel «felter»');
  });

  it('refuses an unknown rule kind', () => {
    const error = parseError(VALID.replace('kind: required-fields', 'kind: magic'));
    expect(error.line).toBe(4);
    expect(error.reason).toContain('rules[0].kind');
  });

  it('refuses the same rule id twice', () => {
    const error = parseError(VALID.replace('id: frister', 'id: felt'));
    expect(error.line).toBe(10);
    expect(error.reason).toBe('rules[1].id: regel-id «felt» er brukt før');
  });

  it('refuses a registration deadline shorter than the assessment deadline', () => {
    const error = parseError(VALID.replace('registerWithinMinutes: 60', 'registerWithinMinutes: 10'));
    expect(error.line).toBe(17);
    expect(error.reason).toContain('fristen for registrering (10 min) er kortere enn fristen for vurdering (15 min)');
  });

  it('refuses a blocking SLA rule and a dimension that does not fit the kind', () => {
    const error = parseError(VALID.replace('severity: warning', 'severity: blocking').replace('dimension: completeness', 'dimension: validity'));
    expect(error.problems.map((p) => [p.line, p.reason])).toEqual([
      [5, expect.stringContaining('«required-fields» måler «completeness», ikke «validity»')],
      [13, expect.stringContaining('kan ikke være blocking')],
    ]);
    expect(error.message).toContain('(og 1 feil til)');
  });

  it('reports YAML syntax errors with a line', () => {
    const error = parseError('version: "1"\nrules:\n  - id: [unclosed\n');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.reason).toContain('kan ikke lese YAML/JSON');
  });

  it('refuses an empty file and a missing file', () => {
    expect(parseError('').reason).toBe('filen er tom');
    expect(() => loadDqCatalogueFile('/finnes/ikke.dq.yaml')).toThrow(/kan ikke lese filen: ENOENT/);
  });
});
