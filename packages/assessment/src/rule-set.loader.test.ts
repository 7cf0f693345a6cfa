import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@mottak/domain';
import { DEFAULT_RULESET_PATH, defaultRuleSet, loadRuleSetFile, parseRuleSet } from './rule-set.loader';
import { RuleSetError } from './rule-set.error';

const VALID = `version: "1"
defaults:
  priority: P4
  category: annet
rules:
  - id: bombe
    description: Bombetrussel
    when:
      anyKeywords: [bombe]
    then:
      priority: P1
      category: trussel
`;

function parseError(text: string, source = 'test.rules.yaml'): RuleSetError {
  try {
    parseRuleSet(text, source);
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('expected parseRuleSet to throw');
}

describe('parseRuleSet', () => {
  it('parses a valid YAML rule set', () => {
    const ruleSet = parseRuleSet(VALID, 'test.rules.yaml');
    expect(ruleSet).toEqual({
      version: '1',
      defaults: { priority: 'P4', category: 'annet' },
      rules: [{ id: 'bombe', description: 'Bombetrussel', when: { anyKeywords: ['bombe'] }, then: { priority: 'P1', category: 'trussel' } }],
    });
  });

  it('parses the same rule set written as JSON', () => {
    const json = JSON.stringify(parseRuleSet(VALID, 'a.yaml'), null, '\t');
    expect(parseRuleSet(json, 'a.json')).toEqual(parseRuleSet(VALID, 'a.yaml'));
  });

  it('names source, line and reason for a bad enum value', () => {
    const error = parseError(VALID.replace('priority: P1', 'priority: P9'));
    expect(error.source).toBe('test.rules.yaml');
    expect(error.line).toBe(11);
    expect(error.reason).toContain('rules[0].then.priority');
    expect(error.message).toContain('test.rules.yaml, linje 11');
    expect(error.code).toBe('RULESET_INVALID');
    expect(isDomainError(error)).toBe(true);
  });

  it('rejects unknown keys, pointing at the unknown key', () => {
    const error = parseError(VALID.replace('      anyKeywords: [bombe]', '      anyKeywords: [bombe]\n      noneKeywords: [x]'));
    expect(error.line).toBe(10);
    expect(error.reason).toBe('rules[0].when.noneKeywords: ukjent nøkkel «noneKeywords»');
  });

  it('rejects a rule with an empty when', () => {
    const error = parseError(VALID.replace('    when:\n      anyKeywords: [bombe]', '    when: {}'));
    expect(error.line).toBe(8);
    expect(error.reason).toContain('when må ha minst én betingelse');
  });

  it('points a missing field at its parent entry', () => {
    const error = parseError(VALID.replace('    description: Bombetrussel\n', ''));
    expect(error.line).toBe(6);
    expect(error.reason).toBe('rules[0].description: påkrevd felt mangler');
  });

  it('rejects an unknown entity type and channel', () => {
    const error = parseError(VALID.replace('anyKeywords: [bombe]', 'entityTypes: [fodselsnummer, personnummer]'));
    expect(error.line).toBe(9);
    expect(error.reason).toContain('rules[0].when.entityTypes[1]');
  });

  it('rejects duplicate rule ids, naming the second', () => {
    const rule = VALID.slice(VALID.indexOf('  - id: bombe'));
    const error = parseError(VALID + rule);
    expect(error.line).toBe(13);
    expect(error.reason).toContain('«bombe» er brukt før');
  });

  it('asks for a quoted version when it is a number', () => {
    const error = parseError(VALID.replace('version: "1"', 'version: 1.10'));
    expect(error.line).toBe(1);
    expect(error.reason).toContain('anførselstegn');
  });

  it('reports YAML syntax errors with their line', () => {
    const error = parseError('version: "1"\ndefaults:\n  priority: [P4\nrules: []\n');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.reason).toContain('kan ikke lese YAML/JSON');
  });

  it('reports duplicate keys as a syntax error', () => {
    const error = parseError('version: "1"\nversion: "2"\n');
    expect(error.line).toBe(2);
  });

  it('reports JSON errors with their line', () => {
    const error = parseError('{\n  "version": "1",\n  "defaults": {"priority": "P4", "category": "annet"},\n  "rules": [}\n}', 'r.json');
    expect(error.source).toBe('r.json');
    expect(error.line).toBe(4);
  });

  it('lists every problem, sorted by line', () => {
    const error = parseError(VALID.replace('priority: P4', 'priority: P0').replace('priority: P1', 'priority: P9'));
    expect(error.problems.map((p) => p.line)).toEqual([3, 11]);
    expect(error.message).toContain('(og 1 feil til)');
  });

  it('rejects an empty document and a keyword with * in the middle', () => {
    expect(parseError('').reason).toBe('filen er tom');
    expect(parseError('# bare en kommentar\n').reason).toBe('filen er tom');
    expect(parseError(VALID.replace('[bombe]', '[bo*mbe]')).reason).toContain('stjerne');
  });
});

describe('loadRuleSetFile', () => {
  it('reads a rule set from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mottak-rules-'));
    const file = join(dir, 'custom.rules.yaml');
    writeFileSync(file, VALID);
    expect(loadRuleSetFile(file).rules[0]?.id).toBe('bombe');
  });

  it('names the file when it cannot be read or is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mottak-rules-'));
    const missing = join(dir, 'missing.yaml');
    expect(() => loadRuleSetFile(missing)).toThrow(RuleSetError);
    expect(() => loadRuleSetFile(missing)).toThrow(/missing\.yaml.*ENOENT/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: "1"\n');
    expect(() => loadRuleSetFile(bad)).toThrow(/bad\.yaml/);
  });
});

describe('defaultRuleSet', () => {
  it('loads the shipped file once and shares a frozen instance', () => {
    expect(DEFAULT_RULESET_PATH.endsWith(join('assessment', 'rules', 'default.rules.yaml'))).toBe(true);
    const ruleSet = defaultRuleSet();
    expect(defaultRuleSet()).toBe(ruleSet);
    expect(Object.isFrozen(ruleSet.rules)).toBe(true);
    expect(ruleSet.rules.length).toBeGreaterThanOrEqual(8);
    expect(ruleSet.defaults).toEqual({ priority: 'P4', category: 'annet' });
  });
});
