import { assessContent } from './assess-content';
import { contentHash } from './content-hash';
import { defaultRuleSet } from './rule-set.loader';

describe('assessContent', () => {
  it('normalises, extracts, hashes and applies the rules in one pure call', () => {
    const result = assessContent(
      { title: 'Trussel\u200B', body: 'Ring\u00A0922 33 444.\r\nHan har en bombe. Fnr 01017000027', channel: 'telefon' },
      defaultRuleSet(),
    );
    expect(result.normalizedBody).toBe('Ring 922 33 444.\nHan har en bombe. Fnr 01017000027');
    expect(result.entities.map((e) => [e.type, e.value])).toEqual([
      ['phone', '+4792233444'],
      ['fodselsnummer', '01017000027'],
    ]);
    for (const e of result.entities) expect(result.normalizedBody.slice(e.start, e.end)).toBe(e.raw);
    expect(result.contentHash).toBe(contentHash('Trussel', 'Ring 922 33 444.\nHan har en bombe. Fnr 01017000027'));
    expect(result.priority).toBe('P1');
    expect(result.category).toBe('trussel');
    expect(result.firedRules.map((r) => r.ruleId)).toEqual(['trussel-vold', 'trussel', 'personopplysninger']);
    expect(result.ruleSetVersion).toBe(defaultRuleSet().version);
  });

  it('is deterministic', () => {
    const input = { title: 'Drone', body: 'Drone over kraftstasjon, ring 22 33 44 55', channel: 'tipsskjema' as const };
    expect(assessContent(input, defaultRuleSet())).toEqual(assessContent(input, defaultRuleSet()));
  });

  it('returns language, simhash and possible identifiers, still purely', () => {
    const input = { title: 'Tips', body: 'Eg såg ein bil ved kaia i natt. Han sa fnr var 01017000028.', channel: 'tipsskjema' as const };
    const result = assessContent(input, defaultRuleSet());
    expect(result.language).toBe('nn');
    expect(result.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(result.possibleIdentifiers).toEqual([
      { type: 'fodselsnummer', raw: '01017000028', start: 47, end: 58, reason: 'kontrollsifrene stemmer ikke (mod 11)' },
    ]);
    expect(result.entities).toEqual([]);
    const again = assessContent({ ...input, body: `${input.body}\u200B` }, defaultRuleSet());
    expect(again.simhash).toBe(result.simhash);
  });
});
