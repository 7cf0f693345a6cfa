import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RuleSetError } from '@mottak/assessment';
import type { LoadedRuleSet } from '@mottak/core';
import { waitFor } from '@mottak/test-kit';
import { ReloadableRuleSet, type RuleSetWatchEvents } from './rule-set-reloader';

const rules = (version: string, keyword = 'bombe') => `version: "${version}"
defaults:
  priority: P4
  category: annet
rules:
  - id: bombe
    description: Bombetrussel
    when:
      anyKeywords: [${keyword}]
    then:
      priority: P1
      category: trussel
`;

/** Line 11 names an unknown priority. */
const INVALID = rules('3').replace('priority: P1', 'priority: P9');

function errorOf(action: () => unknown): RuleSetError {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('expected a RuleSetError');
}

/** Writes the way editors and deploy tools do: a new file renamed over the old one. */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.hrtime.bigint()}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

describe('ReloadableRuleSet', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mottak-rule-reload-'));
    file = path.join(dir, 'regler.yaml');
    writeFileSync(file, rules('1'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file at once and refuses to start on an invalid one, naming file and line', () => {
    const ruleSets = new ReloadableRuleSet(file, () => new Date('2026-03-02T08:00:00.000Z'));
    expect(ruleSets.current()).toMatchObject({ file, loadedAt: '2026-03-02T08:00:00.000Z', ruleSet: { version: '1' }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    writeFileSync(file, INVALID);
    const error = errorOf(() => new ReloadableRuleSet(file));
    expect([error.source, error.line]).toEqual([file, 11]);
    expect(errorOf(() => new ReloadableRuleSet(path.join(dir, 'mangler.yaml'))).reason).toContain('ENOENT');
  });

  it('reloads a valid file, and refuses an invalid one while the running set stays', async () => {
    const ruleSets = new ReloadableRuleSet(file);
    writeFileSync(file, rules('2', 'sprengstoff'));
    const reloaded = await ruleSets.reload();
    expect(reloaded.ruleSet.version).toBe('2');
    expect(ruleSets.current().ruleSet.rules[0]?.when.anyKeywords).toEqual(['sprengstoff']);

    writeFileSync(file, INVALID);
    const error = await ruleSets.reload().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RuleSetError);
    expect((error as RuleSetError).line).toBe(11);
    expect((error as RuleSetError).reason).toContain('rules[0].then.priority');
    expect(ruleSets.current()).toBe(reloaded);

    rmSync(file);
    await expect(ruleSets.reload()).rejects.toThrow(/ENOENT/);
    expect(ruleSets.current().ruleSet.version).toBe('2');
  });

  it('replaces the file with an uploaded rule set only when it is valid, atomically, and never the shipped default', async () => {
    const ruleSets = new ReloadableRuleSet(file);
    const other = new ReloadableRuleSet(file);
    await expect(ruleSets.replace(INVALID)).rejects.toBeInstanceOf(RuleSetError);
    expect(readFileSync(file, 'utf8')).toBe(rules('1'));
    expect(ruleSets.current().ruleSet.version).toBe('1');

    const replaced = await ruleSets.replace(rules('5', 'sprengstoff'));
    expect(replaced.ruleSet.version).toBe('5');
    expect(ruleSets.current()).toBe(replaced);
    expect(readFileSync(file, 'utf8')).toBe(rules('5', 'sprengstoff'));
    // No temporary file left beside it; another process reading the file gets the new version.
    expect(readdirSync(dir)).toEqual(['regler.yaml']);
    expect((await other.reload()).ruleSet.version).toBe('5');

    const shipped = new ReloadableRuleSet(file, () => new Date(), true);
    await expect(shipped.replace(rules('6'))).rejects.toMatchObject({ code: 'RULESET_READ_ONLY' });
    expect(readFileSync(file, 'utf8')).toBe(rules('5', 'sprengstoff'));
  });

  it('makes every process that watches the file converge on its version; an invalid file is reported once and changes nothing', async () => {
    // Two holders of the same file, as two worker processes on a shared volume.
    const workers = [new ReloadableRuleSet(file), new ReloadableRuleSet(file)];
    const reloads: string[][] = [[], []];
    const refusals: RuleSetError[][] = [[], []];
    const watchers = workers.map((worker, i) =>
      worker.watch(
        {
          reloaded: (loaded: LoadedRuleSet) => reloads[i]!.push(loaded.ruleSet.version),
          refused: (error: RuleSetError) => refusals[i]!.push(error),
        } satisfies RuleSetWatchEvents,
        { debounceMs: 20, pollMs: 0 },
      ),
    );
    try {
      replaceFile(file, rules('2'));
      await waitFor(() => workers.every((w) => w.current().ruleSet.version === '2'), { description: 'both workers on version 2' });

      replaceFile(file, INVALID);
      await waitFor(() => refusals.every((r) => r.length === 1), { description: 'both workers refusing the invalid file' });
      for (const [i, worker] of workers.entries()) {
        expect(worker.current().ruleSet.version).toBe('2');
        expect([refusals[i]![0]!.source, refusals[i]![0]!.line]).toEqual([file, 11]);
      }

      // Touching the folder again (another file) does not report the same bad content twice.
      writeFileSync(path.join(dir, 'annet.txt'), 'x');
      replaceFile(file, rules('3'));
      await waitFor(() => workers.every((w) => w.current().ruleSet.version === '3'), { description: 'both workers on version 3' });
      expect(reloads).toEqual([
        ['2', '3'],
        ['2', '3'],
      ]);
      expect(refusals.map((r) => r.length)).toEqual([1, 1]);
      expect(workers[0]!.current().sha256).toBe(workers[1]!.current().sha256);
    } finally {
      for (const watcher of watchers) watcher.close();
    }
  });

  it('follows the file by polling where change events do not arrive', async () => {
    const ruleSets = new ReloadableRuleSet(file);
    const versions: string[] = [];
    const events: RuleSetWatchEvents = { reloaded: (loaded) => versions.push(loaded.ruleSet.version), refused: () => undefined };
    const polling = ruleSets.watch(events, { debounceMs: 1, pollMs: 10, changeEvents: false });
    try {
      writeFileSync(file, rules('4'));
      await waitFor(() => ruleSets.current().ruleSet.version === '4', { description: 'the poll to pick up version 4' });
      expect(versions).toEqual(['4']);
    } finally {
      polling.close();
    }
  });
});
