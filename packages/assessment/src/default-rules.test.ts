import type { Channel } from '@mottak/domain';
import { assessContent } from './assess-content';
import { defaultRuleSet } from './rule-set.loader';

/** Scenario tests for the shipped rule set: what a coordinator would expect to see on the triage desk. */
const assess = (title: string, body: string, channel: Channel = 'tipsskjema') => assessContent({ title, body, channel }, defaultRuleSet());

describe('default rule set', () => {
  it.each([
    ['Trussel', 'Naboen sier han skal sprenge rådhuset med en bombe.', 'P1', 'trussel'],
    ['Melding', 'Personen har skytevåpen og snakker om å drepe.', 'P1', 'trussel'],
    ['Brev', 'Ordføreren har mottatt et trusselbrev.', 'P2', 'trussel'],
    ['Observasjon', 'Jeg tror en person driver kartlegging av ansatte for en fremmed stat.', 'P2', 'etterretning'],
    ['Bekymring', 'Sønnen min har blitt radikalisert på nett.', 'P2', 'ekstremisme'],
    ['Strøm', 'Mulig sabotasje mot kritisk infrastruktur i Nordland.', 'P2', 'sabotasje'],
    ['Drone', 'Så droner over flyplassen i natt.', 'P3', 'sabotasje'],
    ['E-post', 'Vi har fått phishing-e-post og mistenker skadevare.', 'P3', 'digital'],
    ['Logg', 'Uvanlig trafikk fra 203.0.113.7 hele natten.', 'P3', 'digital'],
    ['Hei', 'Jeg vil bare si at dere gjør en god jobb.', 'P4', 'annet'],
  ])('%s: «%s» → %s %s', (title, body, priority, category) => {
    const result = assess(title, body);
    expect([result.priority, result.category]).toEqual([priority, category]);
  });

  it('raises urgency for akutt without changing the category', () => {
    const result = assess('AKUTT', 'Mulig spionasje pågår nå.');
    expect([result.priority, result.category]).toEqual(['P1', 'etterretning']);
    expect(result.firedRules.find((r) => r.ruleId === 'akutt')?.reason).toBe('nøkkelord «akutt» i teksten');
  });

  it('marks partner information by channel', () => {
    const result = assess('Deling', 'Oversendelse av informasjon i saken.', 'partner');
    expect([result.priority, result.category]).toEqual(['P3', 'partnerinformasjon']);
    expect(result.firedRules.map((r) => r.reason)).toEqual(['kanal «partner»']);
  });

  it('adds a personopplysninger reason for identity numbers; that category only when nothing else sets one', () => {
    const only = assess('Info', 'Gjelder 01017000027.');
    expect([only.priority, only.category]).toEqual(['P4', 'personopplysninger']);
    expect(only.firedRules.map((r) => r.reason)).toEqual(['inneholder fodselsnummer']);
    const withThreat = assess('Info', 'Gjelder 01017000027 som har våpen.');
    expect(withThreat.category).toBe('trussel');
    expect(withThreat.firedRules.map((r) => r.ruleId)).toContain('personopplysninger');
  });

  it('does not fire on words that only contain a keyword', () => {
    const result = assess('Øvelse', 'Dataangrepet rammet varsling til bomberom; våpenhvile og trusselvurdering.');
    // «angrep», «bombe», «våpen» and «trussel» are keywords, but only inside longer words here.
    expect(result.firedRules.map((r) => r.ruleId)).toEqual(['digital-trussel']);
    expect(result.firedRules[0]?.reason).toBe('nøkkelord «dataangrep*» (dataangrepet) i teksten');
  });
});
