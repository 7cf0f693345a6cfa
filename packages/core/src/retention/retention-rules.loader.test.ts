import { defaultRetentionRules, parseRetentionRules, RetentionRulesError } from './retention-rules.loader';
import { retentionRuleFor } from './retention-rules';

function problemOf(text: string): RetentionRulesError {
  try {
    parseRetentionRules(text, 'bevaring.yaml');
  } catch (error) {
    if (error instanceof RetentionRulesError) return error;
    throw error;
  }
  throw new Error('expected the rules to be refused');
}

describe('retention rules', () => {
  it('ships a valid default with a `*` rule that categories without their own rule fall back on', () => {
    const rules = defaultRetentionRules();
    expect(retentionRuleFor(rules, 'trussel')).toMatchObject({ category: 'trussel', reviewAfterYears: 5, disposeAfterYears: 10 });
    expect(retentionRuleFor(rules, 'ukjent-kategori').category).toBe('*');
  });

  it('refuses the same category twice, naming the file and the line of the second rule', () => {
    const error = problemOf(['version: v1', 'rules:', "  - { category: '*', reviewAfterYears: 5, disposeAfterYears: 10 }", '  - { category: trussel, reviewAfterYears: 1, disposeAfterYears: 2 }', '  - { category: trussel, reviewAfterYears: 3, disposeAfterYears: 4 }'].join('\n'));
    expect(error.code).toBe('RETENTION_RULES_INVALID');
    expect(error.message).toBe('Ugyldige bevaringsregler (bevaring.yaml, linje 5): rules[2].category: kategorien «trussel» har allerede en regel (rules[1])');
  });

  it('refuses disposal before review and negative years, each at its line', () => {
    const error = problemOf(['version: v1', 'rules:', "  - category: '*'", '    reviewAfterYears: 10', '    disposeAfterYears: 5', '  - category: svindel', '    reviewAfterYears: -1', '    disposeAfterYears: 2'].join('\n'));
    expect(error.problems).toEqual([
      { line: 5, reason: 'rules[0].disposeAfterYears: kassasjon kan ikke komme før vurdering (disposeAfterYears < reviewAfterYears)' },
      { line: 7, reason: expect.stringMatching(/^rules\[1\]\.reviewAfterYears: kan ikke være negativ/) },
    ]);
  });

  it('refuses rules without a default, unknown keys and broken YAML', () => {
    expect(problemOf('version: v1\nrules:\n  - { category: trussel, reviewAfterYears: 1, disposeAfterYears: 2 }\n').message).toMatch(/mangler standardregel/);
    expect(problemOf("version: v1\nrules:\n  - { category: '*', reviewAfterYears: 1, disposeAfterYears: 2, deleteAfter: 3 }\n").message).toMatch(/ukjent nøkkel «deleteAfter»/);
    expect(problemOf('version: v1\nrules: [').message).toMatch(/kan ikke lese YAML/);
  });
});
