import type { Entity } from '@mottak/domain';
import { parseRuleSet } from './rule-set.loader';
import { applyRules, type RuleInput } from './rules.engine';

const RULES = parseRuleSet(
  `version: "t1"
defaults: { priority: P4, category: annet }
rules:
  - id: vold
    description: Vold
    when: { anyKeywords: [bombe, drepe, "terror*"] }
    then: { priority: P1, category: trussel }
  - id: akutt
    description: Akutt
    when: { anyKeywords: [akutt] }
    then: { priority: P1 }
  - id: spion
    description: Spionasje
    when: { anyKeywords: [spionasje] }
    then: { priority: P2, category: etterretning }
  - id: sabotasje
    description: Sabotasje
    when: { anyKeywords: [sabotasje] }
    then: { priority: P2, category: sabotasje }
  - id: begge
    description: Både drone og kraftstasjon
    when: { allKeywords: [drone, kraftstasjon] }
    then: { priority: P3, category: sabotasje }
  - id: ip-fra-partner
    description: IP fra partner
    when: { entityTypes: [ipv4, ipv6], channels: [partner] }
    then: { priority: P3, category: digital }
  - id: fnr
    description: Personopplysninger
    when: { entityTypes: [fodselsnummer, d-nummer] }
    then: { category: personopplysninger }
`,
  'engine-test.yaml',
);

const entity = (type: Entity['type'], value = 'x'): Entity => ({ type, value, raw: value, start: 0, end: value.length });
const input = (over: Partial<RuleInput>): RuleInput => ({ title: '', body: '', channel: 'tipsskjema', entities: [], ...over });

describe('applyRules', () => {
  it('falls back to the defaults when nothing fires', () => {
    expect(applyRules(input({ body: 'Hyggelig hilsen' }), RULES)).toEqual({ priority: 'P4', category: 'annet', firedRules: [] });
  });

  it('lists a fired rule with a Norwegian reason naming the keywords that matched', () => {
    const result = applyRules(input({ title: 'Trussel', body: 'Han vil DREPE noen med en bombe.' }), RULES);
    expect(result.firedRules).toEqual([
      { ruleId: 'vold', description: 'Vold', reason: 'nøkkelord «bombe», «drepe» i teksten', priority: 'P1', category: 'trussel' },
    ]);
    expect(result.priority).toBe('P1');
    expect(result.category).toBe('trussel');
  });

  it('shows the written word for a prefix keyword', () => {
    expect(applyRules(input({ body: 'terrorangrep planlagt' }), RULES).firedRules[0]?.reason).toBe('nøkkelord «terror*» (terrorangrep) i teksten');
  });

  it('matches keywords in the title as well as the body', () => {
    expect(applyRules(input({ title: 'Mulig spionasje', body: 'se vedlegg' }), RULES).category).toBe('etterretning');
  });

  it('takes the most urgent priority among fired rules, even from a rule without category', () => {
    const result = applyRules(input({ body: 'akutt: spionasje pågår' }), RULES);
    expect(result.firedRules.map((r) => r.ruleId)).toEqual(['akutt', 'spion']);
    expect(result.priority).toBe('P1');
    expect(result.category).toBe('etterretning');
  });

  it('takes the category of the highest-priority rule, the earlier rule winning ties', () => {
    expect(applyRules(input({ body: 'sabotasje og spionasje' }), RULES).category).toBe('etterretning');
    expect(applyRules(input({ body: 'sabotasje og bombe' }), RULES).category).toBe('trussel');
  });

  it('requires all keywords for allKeywords and names them', () => {
    expect(applyRules(input({ body: 'drone sett' }), RULES).firedRules).toEqual([]);
    const [fired] = applyRules(input({ body: 'Drone over kraftstasjon' }), RULES).firedRules;
    expect(fired?.reason).toBe('alle nøkkelordene «drone», «kraftstasjon» i teksten');
  });

  it('requires every condition kind to hold and joins the reasons', () => {
    const ip = [entity('ipv4', '10.0.0.1')];
    expect(applyRules(input({ channel: 'tipsskjema', entities: ip }), RULES).firedRules).toEqual([]);
    const [fired] = applyRules(input({ channel: 'partner', entities: ip }), RULES).firedRules;
    expect(fired?.reason).toBe('inneholder ipv4 og kanal «partner»');
  });

  it('uses a category-only rule when no prioritised rule sets a category, without changing the priority', () => {
    const result = applyRules(input({ entities: [entity('fodselsnummer'), entity('d-nummer')] }), RULES);
    expect(result).toEqual({
      priority: 'P4',
      category: 'personopplysninger',
      firedRules: [{ ruleId: 'fnr', description: 'Personopplysninger', reason: 'inneholder fodselsnummer, d-nummer', category: 'personopplysninger' }],
    });
  });

  it('lets any prioritised rule with a category win over a category-only rule', () => {
    const result = applyRules(input({ body: 'sabotasje', entities: [entity('fodselsnummer')] }), RULES);
    expect(result.category).toBe('sabotasje');
    expect(result.firedRules.map((r) => r.ruleId)).toEqual(['sabotasje', 'fnr']);
  });
});
