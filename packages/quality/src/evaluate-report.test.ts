import type { Registration } from '@mottak/domain';
import { parseDqCatalogue } from './dq-catalogue.loader';
import { defaultDqCatalogue } from './dq-catalogue.loader';
import type { DqCatalogue, DqRule } from './dq-catalogue.schema';
import { evaluateReport } from './evaluate-report';
import { registeredReport } from './test-reports.fixture';

const NOW = new Date('2026-03-03T12:00:00.000Z');
const FNR = '01017000027';
const DNR = '45058503782';

/** A one-rule catalogue, validated like a file. */
function only(rule: Record<string, unknown>): DqCatalogue {
  return parseDqCatalogue(JSON.stringify({ version: 't', rules: [{ explanation: 'Forklaring', ...rule }] }), 'test');
}

function registration(overrides: Partial<Registration>): Registration {
  return { ...registeredReport().registration!, ...overrides };
}

describe('evaluateReport: required fields (completeness)', () => {
  const catalogue = only({
    id: 'felt',
    kind: 'required-fields',
    dimension: 'completeness',
    severity: 'blocking',
    params: { fields: ['title'], perCategory: { trussel: ['occurredAt', 'reporterContact.phone'] } },
  });

  it('passes a report with the fields of its category', () => {
    const result = evaluateReport(registeredReport(), catalogue, NOW);
    expect(result).toEqual({ score: 100, findings: [], blocked: false, outcomes: [expect.objectContaining({ ruleId: 'felt', status: 'pass' })] });
  });

  it('names the missing fields of the category, and blocks', () => {
    const report = registeredReport({ registration: registration({ category: 'trussel' }), reporterContact: { name: 'Ola' } });
    const result = evaluateReport(report, catalogue, NOW);
    expect(result.blocked).toBe(true);
    expect(result.score).toBe(0);
    expect(result.findings).toEqual([
      { ruleId: 'felt', dimension: 'completeness', severity: 'blocking', message: 'Mangler tidspunkt for hendelsen, melders telefon (kategori «trussel»)' },
    ]);
  });

  it("uses the coordinator's category over the assessment's", () => {
    const report = registeredReport({ occurredAt: '2026-03-01T10:00:00Z' }, { category: 'trussel' });
    expect(evaluateReport(report, catalogue, NOW).findings).toEqual([]);
  });

  it('treats blank text as missing', () => {
    expect(evaluateReport(registeredReport({ title: '   ' }), catalogue, NOW).findings[0]?.message).toBe('Mangler tittel');
  });
});

describe('evaluateReport: identifiers (validity)', () => {
  const catalogue = only({ id: 'id', kind: 'identifiers-valid', dimension: 'validity', severity: 'warning' });

  it('passes valid extracted identifiers', () => {
    const report = registeredReport({}, {
      entities: [
        { type: 'fodselsnummer', value: FNR, raw: FNR, start: 0, end: 11 },
        { type: 'd-nummer', value: DNR, raw: DNR, start: 12, end: 23 },
        { type: 'ipv4', value: '198.51.100.7', raw: '198.51.100.7', start: 24, end: 36 },
        { type: 'ipv6', value: '2001:db8::1', raw: '2001:db8::1', start: 37, end: 48 },
        { type: 'email', value: 'ola@example.no', raw: 'ola@example.no', start: 49, end: 63 },
        { type: 'phone', value: '+4791234567', raw: '912 34 567', start: 64, end: 74 },
        { type: 'url', value: 'https://example.no/x', raw: 'https://example.no/x', start: 75, end: 95 },
      ],
    });
    expect(evaluateReport(report, catalogue, NOW)).toMatchObject({ score: 100, findings: [] });
  });

  it('flags stored identifiers that do not validate, without repeating their values', () => {
    const report = registeredReport({}, {
      entities: [
        { type: 'ipv4', value: '999.1.1.1', raw: '999.1.1.1', start: 0, end: 9 },
        { type: 'fodselsnummer', value: '01017000028', raw: '01017000028', start: 10, end: 21 },
      ],
    });
    const result = evaluateReport(report, catalogue, NOW);
    expect(result.findings.map((f) => f.message)).toEqual(['1 ugyldig IPv4-adresse', '1 ugyldig fødselsnummer']);
    expect(JSON.stringify(result)).not.toContain('01017000028');
    expect(result.blocked).toBe(false);
  });

  it("reports the assessment's own look-alikes by type when it recorded them", () => {
    const report = registeredReport({ body: 'Kontonummer 1234.56.78901' }, {
      possibleIdentifiers: [{ type: 'kontonummer', raw: '1234.56.78901', start: 12, end: 25, reason: 'kontrollsiffer stemmer ikke' }],
    });
    const result = evaluateReport(report, catalogue, NOW);
    expect(result.findings.map((f) => f.message)).toEqual(['1 mulig kontonummer feilet validering']);
    expect(JSON.stringify(result)).not.toContain('1234.56.78901');
  });

  it('warns about date-shaped 11-digit numbers failing the checksum, but not about other numbers', () => {
    const lookalike = registeredReport({ body: 'Personnummer 010170 00028 oppgitt, saksnr 99999999999.' });
    expect(evaluateReport(lookalike, catalogue, NOW).findings.map((f) => f.message)).toEqual([
      '1 tall ligner fødselsnummer/D-nummer, men har feil kontrollsiffer',
    ]);
    const valid = registeredReport({ body: `Personnummer ${FNR} oppgitt` });
    expect(evaluateReport(valid, catalogue, NOW).findings).toEqual([]);
  });
});

describe('evaluateReport: personal data (consistency)', () => {
  const catalogue = only({
    id: 'pers',
    kind: 'personal-data',
    dimension: 'consistency',
    severity: 'blocking',
    params: { minGradering: 'BEGRENSET', label: 'personopplysninger' },
  });

  it('does not apply without national identity numbers', () => {
    const result = evaluateReport(registeredReport({ gradering: 'UGRADERT' }), catalogue, NOW);
    expect(result.outcomes[0]?.status).toBe('n/a');
    expect(result.score).toBe(100);
  });

  it('requires BEGRENSET and the label when the text holds a fødselsnummer', () => {
    const report = registeredReport({ gradering: 'UGRADERT', title: `Gjelder ${FNR}` });
    const result = evaluateReport(report, catalogue, NOW);
    expect(result.blocked).toBe(true);
    expect(result.findings.map((f) => f.message)).toEqual([
      'Meldingen inneholder fødselsnummer eller D-nummer og må graderes minst BEGRENSET (er UGRADERT)',
      'Meldingen inneholder fødselsnummer eller D-nummer og må merkes «personopplysninger»',
    ]);
  });

  it('accepts the label from a fired assessment rule or the category, for extracted D-nummer too', () => {
    const entities = [{ type: 'd-nummer' as const, value: DNR, raw: DNR, start: 0, end: 11 }];
    const firedRules = [{ ruleId: 'personopplysninger', description: 'x', reason: 'y', category: 'personopplysninger' }];
    expect(evaluateReport(registeredReport({}, { entities, firedRules }), catalogue, NOW).findings).toEqual([]);
    const byCategory = registeredReport({ gradering: 'HEMMELIG', registration: registration({ category: 'personopplysninger' }) }, { entities });
    expect(evaluateReport(byCategory, catalogue, NOW).findings).toEqual([]);
  });
});

describe('evaluateReport: SLA (timeliness)', () => {
  const catalogue = only({
    id: 'sla',
    kind: 'sla',
    dimension: 'timeliness',
    severity: 'warning',
    params: { slas: { P1: { assessWithinMinutes: 15, registerWithinMinutes: 60 } } },
  });
  const p1 = (overrides: Parameters<typeof registeredReport>[0], assessedAt = '2026-03-02T08:10:00.000Z') =>
    registeredReport({ ...overrides }, { priority: 'P1', assessedAt });

  it('passes a P1 assessed within 15 minutes and registered within the hour', () => {
    const report = p1({ registration: registration({ priority: 'P1', registeredAt: '2026-03-02T08:59:00.000Z' }) });
    expect(evaluateReport(report, catalogue, NOW)).toMatchObject({ score: 100, findings: [] });
  });

  it('names how late each step was', () => {
    const report = p1({ registration: registration({ priority: 'P1', registeredAt: '2026-03-02T09:30:00.000Z' }) }, '2026-03-02T08:20:00.000Z');
    expect(evaluateReport(report, catalogue, NOW).findings.map((f) => f.message)).toEqual([
      'P1 skal vurderes innen 15 min; gjort 5 min for sent',
      'P1 skal registreres innen 1 t; gjort 30 min for sent',
    ]);
  });

  it('counts an unfinished step only once its deadline has passed', () => {
    const pending = p1({ status: 'vurdert', registration: undefined });
    expect(evaluateReport(pending, catalogue, new Date('2026-03-02T08:30:00.000Z')).outcomes[0]?.status).toBe('pass');
    expect(evaluateReport(pending, catalogue, new Date('2026-03-02T09:30:00.000Z')).findings.map((f) => f.message)).toEqual([
      'P1 skal registreres innen 1 t; fortsatt ikke gjort, 30 min for sent',
    ]);
  });

  it('does not apply to priorities without an SLA, nor a registration deadline to a withdrawn report', () => {
    expect(evaluateReport(registeredReport(), catalogue, NOW).outcomes[0]?.status).toBe('n/a');
    const withdrawn = p1({ status: 'utgar', registration: undefined });
    expect(evaluateReport(withdrawn, catalogue, NOW).outcomes[0]?.status).toBe('pass');
  });
});

describe('evaluateReport: duplicates (uniqueness)', () => {
  const catalogue = only({ id: 'dup', kind: 'no-unresolved-duplicates', dimension: 'uniqueness', severity: 'warning' });

  it('flags an unresolved duplicate and accepts a resolved or withdrawn one', () => {
    const report = registeredReport({}, { duplicateOf: ['r-0'] });
    expect(evaluateReport(report, catalogue, NOW).findings.map((f) => f.message)).toEqual([
      'Samme innhold som 1 tidligere melding (r-0); koble eller trekk meldingen',
    ]);
    expect(evaluateReport(report, catalogue, NOW, { isDuplicateResolved: (_r, id) => id === 'r-0' }).findings).toEqual([]);
    expect(evaluateReport({ ...report, status: 'utgar' }, catalogue, NOW).findings).toEqual([]);
    expect(evaluateReport({ ...report, mergedInto: 'r-0' }, catalogue, NOW).findings).toEqual([]);
    expect(evaluateReport(registeredReport(), catalogue, NOW).outcomes[0]?.status).toBe('n/a');
  });
});

describe('evaluateReport: score', () => {
  it('weighs failed rules against applicable ones', () => {
    const rules: Array<Partial<DqRule>> = [
      { id: 'a', kind: 'required-fields', dimension: 'completeness', severity: 'warning', weight: 3, params: { fields: ['occurredAt'], perCategory: {} } },
      { id: 'b', kind: 'required-fields', dimension: 'completeness', severity: 'warning', weight: 1, params: { fields: ['title'], perCategory: {} } },
      { id: 'c', kind: 'no-unresolved-duplicates', dimension: 'uniqueness', severity: 'warning', weight: 5, params: {} },
    ];
    const catalogue = parseDqCatalogue(JSON.stringify({ version: 't', rules: rules.map((r) => ({ explanation: 'x', ...r })) }), 't');
    // a fails (3), b passes (1), c does not apply: 100 × 1/4.
    expect(evaluateReport(registeredReport(), catalogue, NOW).score).toBe(25);
  });

  it('gives a clean registered report full marks under the shipped catalogue', () => {
    expect(evaluateReport(registeredReport(), defaultDqCatalogue(), NOW)).toMatchObject({ score: 100, findings: [], blocked: false });
  });
});
