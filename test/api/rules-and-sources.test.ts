import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RULESET_PATH } from '@mottak/assessment';
import { describeWithProductionEngines, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

const SHIPPED = readFileSync(DEFAULT_RULESET_PATH, 'utf8');

/** The shipped rules as version `version`, plus one rule for «marsipankake» (so a test can tell which set ran). */
function ruleSetText(version: string): string {
  return `${SHIPPED.replace(/^version: ".*"$/m, `version: "${version}"`)}
  - id: marsipan
    description: Kakealarm
    when:
      anyKeywords: [marsipankake]
    then:
      priority: P2
      category: kake
`;
}

/** The shipped rules with the first P1 made P9: invalid, and the line is known. */
function invalidRuleSet(): { text: string; line: number } {
  const lines = ruleSetText('ugyldig').split('\n');
  const index = lines.findIndex((l) => l.trim() === 'priority: P1');
  lines[index] = lines[index]!.replace('P1', 'P9');
  return { text: lines.join('\n'), line: index + 1 };
}

/** Replaces the file by rename, as deploy tools and editors do. */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

describe('rules and sources over HTTP', () => {
  let mottak: TestMottak;
  let rulesDir: string;
  let rulesFile: string;

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-rules-'));
    rulesFile = path.join(rulesDir, 'regler.yaml');
    writeFileSync(rulesFile, ruleSetText('test-1'));
    mottak = await startTestMottak({ MOTTAK_RULES_FILE: rulesFile });
  });
  afterAll(async () => {
    await mottak.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  const as = async (username: string) => ({ Authorization: await mottak.bearer(username) });

  async function submit(report: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
    const response = await mottak.http.post('/api/v1/reports').set(headers).send(report);
    expect(response.status).toBe(202);
    return response.body.id as string;
  }

  async function assessed(id: string): Promise<{ version: number; assessment: { ruleSetVersion: string; category: string; firedRules: Array<{ ruleId: string }>; sourceKeys?: string[] } }> {
    const auth = await as('kari');
    return eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${id}`).set(auth);
      return response.status === 200 && response.body.status === 'vurdert' ? response.body : undefined;
    }, `report ${id} to be assessed`);
  }

  async function register(id: string, body: Record<string, unknown>, username = 'kari') {
    await assessed(id);
    const response = await mottak.http.post(`/api/v1/reports/${id}/registration`).set(await as(username)).send(body);
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('rule set: version, reload and the watcher', () => {
    it('shows the rule set in force to supervisors and administrators only', async () => {
      const response = await mottak.http.get('/api/v1/rule-set').set(await as('frida'));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ version: 'test-1', file: rulesFile, loadedAt: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(response.body.ruleCount).toBeGreaterThanOrEqual(9);
      expect((await mottak.http.get('/api/v1/rule-set').set(await as('adam'))).status).toBe(200);
      expect((await mottak.http.get('/api/v1/rule-set').set(await as('kari'))).status).toBe(403);
      expect((await mottak.http.post('/api/v1/rule-set/reload').set(await as('siri'))).status).toBe(403);
      expect((await mottak.http.get('/api/v1/rule-set')).status).toBe(401);
    });

    it('reloads a valid file without a restart, and the next assessment runs the new version', async () => {
      replaceFile(rulesFile, ruleSetText('test-2'));
      const reloaded = await mottak.http.post('/api/v1/rule-set/reload').set(await as('frida'));
      expect(reloaded.status).toBe(200);
      expect(reloaded.body).toMatchObject({ version: 'test-2', file: rulesFile });

      const id = await submit({ channel: 'tipsskjema', title: 'Mistenkelig bakst', body: 'Naboen bærer en marsipankake inn i rådhuset hver dag.' });
      const report = await assessed(id);
      expect(report.assessment.ruleSetVersion).toBe('test-2');
      expect(report.assessment.category).toBe('kake');
      expect(report.assessment.firedRules.map((r) => r.ruleId)).toContain('marsipan');
      const journal = await mottak.http.get(`/api/v1/reports/${id}/journal`).set(await as('kari'));
      expect(journal.body.find((e: { action: string }) => e.action === 'report.assessed').details.ruleSetVersion).toBe('test-2');
    });

    it('refuses an invalid file with its file, line and reason, and the running rule set stays in force', async () => {
      const invalid = invalidRuleSet();
      replaceFile(rulesFile, invalid.text);
      const refused = await mottak.http.post('/api/v1/rule-set/reload').set(await as('frida'));
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'RULESET_INVALID', file: rulesFile, line: invalid.line, runningVersion: 'test-2' });
      expect(refused.body.reason).toContain('then.priority');
      expect(refused.body.detail).toContain(`${rulesFile}, linje ${invalid.line}`);

      expect((await mottak.http.get('/api/v1/rule-set').set(await as('frida'))).body.version).toBe('test-2');
      const id = await submit({ channel: 'tipsskjema', title: 'Mer bakst', body: 'Enda en marsipankake.' });
      expect((await assessed(id)).assessment.ruleSetVersion).toBe('test-2');

      const audit = await mottak.http.get('/api/v1/audit').query({ action: 'rule_set.reload', limit: 10 }).set(await as('rita'));
      expect(audit.body.map((e: { details: { outcome: string } }) => e.details.outcome)).toEqual(['loaded', 'refused']);
      expect(audit.body[1].details).toMatchObject({ file: rulesFile, line: invalid.line, previousVersion: 'test-2' });
    });

    it('follows the file without anyone asking: the watcher puts a valid new file in force', async () => {
      replaceFile(rulesFile, ruleSetText('test-3'));
      const auth = await as('frida');
      await eventually(async () => {
        const response = await mottak.http.get('/api/v1/rule-set').set(auth);
        return response.body.version === 'test-3' ? true : undefined;
      }, 'the watcher to load test-3');
      const id = await submit({ channel: 'tipsskjema', title: 'Bakst igjen', body: 'En tredje marsipankake.' });
      expect((await assessed(id)).assessment.ruleSetVersion).toBe('test-3');
    });

    it('takes an uploaded rule set: every problem with its line refused and nothing written; a valid one written and in force', async () => {
      const before = readFileSync(rulesFile, 'utf8');
      const invalid = invalidRuleSet();
      // Two problems: the bad priority, and a rule without its id.
      const twoProblems = invalid.text.replace('  - id: marsipan\n', '  - \n');
      expect((await mottak.http.put('/api/v1/rule-set').set(await as('kari')).send({ yaml: ruleSetText('test-4') })).status).toBe(403);
      const refused = await mottak.http.put('/api/v1/rule-set').set(await as('frida')).send({ yaml: twoProblems });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'RULESET_INVALID', runningVersion: 'test-3' });
      const problems = refused.body.problems as Array<{ line?: number; reason: string }>;
      expect(problems.length).toBeGreaterThanOrEqual(2);
      expect(problems.map((p) => p.line)).toContain(invalid.line);
      expect(problems.every((p) => typeof p.reason === 'string' && p.reason.length > 0)).toBe(true);
      expect(readFileSync(rulesFile, 'utf8')).toBe(before);
      expect((await mottak.http.get('/api/v1/rule-set').set(await as('frida'))).body.version).toBe('test-3');
      expect((await mottak.http.put('/api/v1/rule-set').set(await as('frida')).send({ yaml: '' })).status).toBe(400);

      const uploaded = await mottak.http.put('/api/v1/rule-set').set(await as('adam')).send({ yaml: ruleSetText('test-4') });
      expect(uploaded.status).toBe(200);
      expect(uploaded.body).toMatchObject({ version: 'test-4', file: rulesFile });
      expect(readFileSync(rulesFile, 'utf8')).toBe(ruleSetText('test-4'));
      const id = await submit({ channel: 'tipsskjema', title: 'Bakst nummer fire', body: 'En fjerde marsipankake.' });
      expect((await assessed(id)).assessment.ruleSetVersion).toBe('test-4');
      const audit = await mottak.http.get('/api/v1/audit').query({ action: 'rule_set.upload', limit: 10 }).set(await as('rita'));
      expect(audit.body.map((e: { actor: string; details: { outcome: string } }) => `${e.actor} ${e.details.outcome}`)).toEqual(['user:frida refused', 'user:adam loaded']);
    });
  });

  describe('Admiralty source grading', () => {
    const partner = () => ({ 'X-API-Key': mottak.partnerKey });

    it('suggests a letter from the partner’s confirmed earlier reports, counting only what the coordinator may read', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await submit({ channel: 'partner', title: `Partnermelding ${i}`, body: `Observasjon nummer ${i} ved havna.` }, partner()));
      const [first, second, third, fourth, current] = ids as [string, string, string, string, string];
      const registered = await register(first, { gradering: 'BEGRENSET', sourceGrading: { reliability: 'B', credibility: 1 } });
      expect(registered.sourceGrading).toMatchObject({ reliability: 'B', credibility: 1, gradedBy: 'kari' });
      await register(second, { gradering: 'BEGRENSET', sourceGrading: { reliability: 'B', credibility: 2 } });
      // HEMMELIG: Kim (klarering BEGRENSET) may not read it, so it must not count for him.
      await register(third, { gradering: 'HEMMELIG', sourceGrading: { reliability: 'C', credibility: 5 } });
      await assessed(fourth);
      await assessed(current);

      const forKari = await mottak.http.get(`/api/v1/reports/${current}/source-grading`).set(await as('kari'));
      expect(forKari.status).toBe(200);
      expect(forKari.body.sources).toEqual([{ kind: 'partner', label: 'partner Oslo politidistrikt (demo)' }]);
      // The demo data's two partner reports and the fourth are ungraded.
      expect(forKari.body.suggestion).toMatchObject({ reliability: 'C', known: true, history: { earlier: 6, graded: 3, confirmed: 2 } });
      expect(forKari.body.suggestion.reason).toBe('2 av 3 tidligere graderte meldinger bekreftet (troverdighet 1–2) (3 til uten endelig gradering telles ikke) → C');

      const forKim = await mottak.http.get(`/api/v1/reports/${current}/source-grading`).set(await as('kim'));
      expect(forKim.body.suggestion).toMatchObject({ reliability: 'F', history: { graded: 2, confirmed: 2 } });
      expect(forKim.body.suggestion.reason).toContain('for lite til å bedømme');
      expect(JSON.stringify(forKim.body)).not.toContain('"graded":3');

      // A later grading (after assessment, without registering) is recorded, journaled and counts at once.
      const graded = await mottak.http.post(`/api/v1/reports/${fourth}/source-grading`).set(await as('kari')).send({ reliability: 'C', credibility: 4 });
      expect(graded.status).toBe(200);
      expect(graded.body.sourceGrading).toMatchObject({ reliability: 'C', credibility: 4, gradedBy: 'kari' });
      const again = await mottak.http.get(`/api/v1/reports/${current}/source-grading`).set(await as('kari'));
      expect(again.body.suggestion).toMatchObject({ reliability: 'D', history: { graded: 4, confirmed: 2 } });
      expect(again.body.suggestion.reason).toMatch(/^2 av 4 tidligere graderte meldinger bekreftet/);
      const journal = await mottak.http.get(`/api/v1/reports/${fourth}/journal`).set(await as('kari'));
      expect(journal.body.at(-1)).toMatchObject({ action: 'report.source_graded', actor: 'user:kari', details: { admiralty: 'C4', previous: null } });
      const firstJournal = await mottak.http.get(`/api/v1/reports/${first}/journal`).set(await as('kari'));
      expect(firstJournal.body.find((e: { action: string }) => e.action === 'report.registered').details).toMatchObject({ admiralty: 'B1' });
    });

    it('recognises a tipster by e-mail written differently, and gives F to an anonymous tip', async () => {
      const earlier = await submit({ channel: 'tipsskjema', title: 'Tips', body: 'Noe rart ved kaia.', reporterContact: { email: 'Tipser@Example.no' } });
      await register(earlier, { gradering: 'BEGRENSET', sourceGrading: { reliability: 'F', credibility: 1 } });
      const later = await submit({ channel: 'tipsskjema', title: 'Nytt tips', body: 'Igjen noe rart.', reporterContact: { email: 'tipser@example.no' } });
      const suggestion = (await mottak.http.get(`/api/v1/reports/${later}/source-grading`).set(await as('kari'))).body;
      expect(suggestion.sources).toEqual([{ kind: 'e-post', label: 'e-post tipser@example.no' }]);
      expect(suggestion.suggestion.history).toEqual({ earlier: 1, graded: 1, confirmed: 1 });

      const anonymous = await submit({ channel: 'tipsskjema', title: 'Anonymt', body: 'Uten navn.' });
      const none = (await mottak.http.get(`/api/v1/reports/${anonymous}/source-grading`).set(await as('kari'))).body;
      expect(none).toMatchObject({ sources: [], suggestion: { reliability: 'F', known: false } });

      // The stored source keys are pseudonyms, and a reader without the personopplysninger need gets none.
      const asKari = (await mottak.http.get(`/api/v1/reports/${earlier}`).set(await as('kari'))).body;
      expect(asKari.assessment.sourceKeys).toEqual([expect.stringMatching(/^e-post:[0-9a-f]{64}$/)]);
      const asSiri = await eventually(async () => {
        const response = await mottak.http.get(`/api/v1/reports/${earlier}`).set(await as('siri'));
        return response.status === 200 ? response.body : undefined;
      }, 'Siri to read the registered report');
      expect(asSiri.personalDataMasked).toBe(true);
      expect(asSiri.assessment.sourceKeys).toBeUndefined();
    });

    it('refuses a bad grading naming the field, and hides reports the user may not see', async () => {
      const id = await submit({ channel: 'tipsskjema', title: 'Enda et tips', body: 'Tekst.' });
      await assessed(id);
      const bad = await mottak.http.post(`/api/v1/reports/${id}/source-grading`).set(await as('kari')).send({ reliability: 'G', credibility: 7 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.reliability', 'body.credibility']));
      const badRegistration = await mottak.http.post(`/api/v1/reports/${id}/registration`).set(await as('kari')).send({ gradering: 'BEGRENSET', sourceGrading: { reliability: 'A' } });
      expect(badRegistration.status).toBe(400);
      expect(badRegistration.body.errors.map((e: { field: string }) => e.field)).toContain('body.sourceGrading.credibility');

      expect((await mottak.http.get(`/api/v1/reports/${id}/source-grading`).set(await as('siri'))).status).toBe(403);
      const secret = await submit({ channel: 'tipsskjema', title: 'Hemmelig', body: 'Tekst.' });
      await register(secret, { gradering: 'HEMMELIG' });
      expect((await mottak.http.get(`/api/v1/reports/${secret}/source-grading`).set(await as('kim'))).status).toBe(404);
      expect((await mottak.http.post(`/api/v1/reports/${secret}/source-grading`).set(await as('kim')).send({ reliability: 'B', credibility: 2 })).status).toBe(404);
      expect((await mottak.http.get('/api/v1/reports/no-such-report/source-grading').set(await as('kim'))).status).toBe(404);
    });
  });

  describe('override rate per rule', () => {
    it('counts fired and overridden per rule for supervisors, and only what each is cleared for', async () => {
      // A bomb threat suggests P1 «trussel» (rule trussel-vold); Kari lowers the priority, in HEMMELIG.
      const id = await submit({ channel: 'tipsskjema', title: 'Bombe', body: 'Han sa han skulle sprenge en bombe.' });
      await register(id, { gradering: 'HEMMELIG', priority: 'P3' });

      const forFrida = await mottak.http.get('/api/v1/quality/rule-overrides').set(await as('frida'));
      expect(forFrida.status).toBe(200);
      const threat = forFrida.body.rules.find((r: { ruleId: string }) => r.ruleId === 'trussel-vold');
      expect(threat).toMatchObject({ description: 'Trussel om vold, våpen eller eksplosiver', inCurrentRuleSet: true, priorityOverridden: 1 });
      expect(threat.overridden).toBeGreaterThanOrEqual(1);
      expect(threat.overrideRate).toBeCloseTo(threat.overridden / threat.fired, 3);
      expect(forFrida.body.rules[0].overridden).toBeGreaterThanOrEqual(forFrida.body.rules.at(-1).overridden);

      // Rita (revisor, BEGRENSET) counts without reading, and never the HEMMELIG registration.
      const forRita = await mottak.http.get('/api/v1/quality/rule-overrides').set(await as('rita'));
      expect(forRita.status).toBe(200);
      expect(forRita.body.registered).toBeLessThan(forFrida.body.registered);
      const ritaThreat = forRita.body.rules.find((r: { ruleId: string }) => r.ruleId === 'trussel-vold');
      expect(ritaThreat?.priorityOverridden ?? 0).toBe(threat.priorityOverridden - 1);

      const window = await mottak.http.get('/api/v1/quality/rule-overrides').query({ from: '2020-01-01', to: '2020-02-01' }).set(await as('frida'));
      expect(window.body).toMatchObject({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z', registered: 0, rules: [] });
      const badWindow = await mottak.http.get('/api/v1/quality/rule-overrides').query({ from: 'i går' }).set(await as('frida'));
      expect(badWindow.status).toBe(400);
      expect(badWindow.body.errors[0].field).toBe('query.from');
      expect((await mottak.http.get('/api/v1/quality/rule-overrides').set(await as('kari'))).status).toBe(403);
    });
  });
});

/** The same answers from MongoDB (the assessment-stats store's aggregations) through the same API. */
describeWithProductionEngines('rules and sources on the production profile')('rules and sources on the production profile', () => {
  let mottak: TestMottak;
  let production: IsolatedProduction | undefined;

  beforeAll(async () => {
    production = isolatedProduction(`rs${process.pid}${Date.now().toString(36)}`);
    mottak = await startTestMottak(production.config);
  }, 60_000);
  afterAll(async () => {
    await mottak?.close();
    await production?.cleanup();
  });

  it('suggests a source letter and counts overrides per rule from the MongoDB store', async () => {
    const kari = await mottak.bearer('kari');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title: `Melding ${i}`, body: `Han truet med bombe mot havna (${i}).` });
      ids.push(sent.body.id as string);
    }
    for (const id of ids) {
      await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), `assessment of ${id}`, 20_000);
    }
    for (const [i, credibility] of [1, 2, 3].entries()) {
      const registered = await mottak.http
        .post(`/api/v1/reports/${ids[i]}/registration`)
        .set('Authorization', kari)
        .send({ gradering: 'BEGRENSET', priority: 'P4', sourceGrading: { reliability: 'B', credibility } });
      expect(registered.status).toBe(201);
    }
    const suggestion = await mottak.http.get(`/api/v1/reports/${ids[3]}/source-grading`).set('Authorization', kari);
    expect(suggestion.body.suggestion).toMatchObject({ reliability: 'C', history: { graded: 3, confirmed: 2 } });

    const overrides = await mottak.http.get('/api/v1/quality/rule-overrides').set('Authorization', await mottak.bearer('frida'));
    expect(overrides.status).toBe(200);
    expect(overrides.body.rules.find((r: { ruleId: string }) => r.ruleId === 'trussel-vold')).toMatchObject({ priorityOverridden: 3, overridden: 3 });
  });
});
