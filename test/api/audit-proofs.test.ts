import path from 'node:path';
import { openSqliteDatabase } from '@mottak/adapters-embedded';
import { chainHash, checkpointSignatureValid, checkpointVerifierFromPem, leafHash, verifyConsistency, verifyInclusion, entryLeafData } from '@mottak/core';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

const hex = (h: string) => Buffer.from(h, 'hex');

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * A clever attacker with the SQLite file: drops the append-only triggers, rewrites one row, and
 * recomputes the hash chain from there on so that the chain alone looks intact.
 */
function rewriteHistory(file: string, table: 'audit_entries' | 'journal_entries', seq: number, change: (row: Row) => Partial<Row>): void {
  const db = openSqliteDatabase(file);
  try {
    db.exec(`DROP TRIGGER IF EXISTS ${table}_append_only_update; DROP TRIGGER IF EXISTS ${table}_append_only_delete;`);
    const rows = db.prepare<[number], Row>(`SELECT * FROM ${table} WHERE seq >= ? ORDER BY seq`).all(seq);
    const update = db.prepare(`UPDATE ${table} SET at = @at, actor = @actor, action = @action, details = @details, prev_hash = @prev_hash, hash = @hash WHERE seq = @seq`);
    let prevHash = (rows[0] as Row).prev_hash;
    db.transaction(() => {
      for (const original of rows) {
        const row = original.seq === seq ? { ...original, ...change(original) } : original;
        const entry = { seq: row.seq, at: row.at, actor: row.actor, action: row.action, ...(row.subject_id !== null ? { subjectId: row.subject_id } : {}), details: JSON.parse(row.details) as Record<string, unknown> };
        const hash = chainHash(prevHash, entry);
        update.run({ ...row, prev_hash: prevHash, hash });
        prevHash = hash;
      }
    })();
  } finally {
    db.close();
  }
}

describe('audit trail that proves itself: Merkle checkpoints, proofs and auditor views through the API', () => {
  let mottak: TestMottak;
  let rita: string;
  let kari: string;
  let reportId: string;
  beforeAll(async () => {
    mottak = await startTestMottak();
    rita = await mottak.bearer('rita');
    kari = await mottak.bearer('kari');
    // A registered report, so that search users can find it too.
    const list = await mottak.http.get('/api/v1/reports').query({ status: 'registrert' }).set('Authorization', kari);
    reportId = (list.body.items as Array<{ id: string }>)[0]!.id;
    expect((await mottak.http.get(`/api/v1/reports/${reportId}`).set('Authorization', kari)).status).toBe(200);
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('answers only auditors', async () => {
    const siri = await mottak.bearer('siri');
    for (const url of ['/api/v1/audit/verify', '/api/v1/audit/checkpoints', `/api/v1/audit/reports/${reportId}/access`, '/api/v1/audit/break-glass']) {
      expect((await mottak.http.get(url).set('Authorization', siri)).status).toBe(403);
    }
    expect((await mottak.http.post('/api/v1/audit/checkpoints').set('Authorization', siri).send({ log: 'audit' })).status).toBe(403);
  });

  it('shows who read a report, what a user did between two dates and break-glass uses, and audits each look', async () => {
    // Sander finds the report in a search; the auditor sees that too, not only direct reads.
    const report = await mottak.http.get(`/api/v1/reports/${reportId}`).set('Authorization', kari);
    const word = (report.body.title as string).split(/\s+/).find((w) => w.length > 4) as string;
    const search = await mottak.http.get('/api/v1/search').query({ q: word }).set('Authorization', await mottak.bearer('sander'));
    expect((search.body.hits as Array<{ id: string }>).map((h) => h.id)).toContain(reportId);
    const access = await mottak.http.get(`/api/v1/audit/reports/${reportId}/access`).set('Authorization', rita);
    expect(access.status).toBe(200);
    expect(access.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'user:kari', action: 'report.read', subjectId: reportId }),
        expect.objectContaining({ actor: 'user:kari', action: 'report.list', details: expect.objectContaining({ ids: expect.arrayContaining([reportId]) }) }),
        expect.objectContaining({ actor: 'user:sander', action: 'search', details: expect.objectContaining({ ids: expect.arrayContaining([reportId]) }) }),
      ]),
    );
    // Only entries that concern it: every one names it as subject or among the ids shown.
    for (const entry of access.body as Array<{ subjectId?: string; details: { ids?: string[]; reportIds?: string[] } }>) {
      expect([entry.subjectId, ...(entry.details.ids ?? []), ...(entry.details.reportIds ?? [])]).toContain(reportId);
    }

    const now = new Date();
    const from = new Date(now.getTime() - 3_600_000).toISOString();
    const activity = await mottak.http.get('/api/v1/audit/users/kari/activity').query({ from, to: new Date(now.getTime() + 60_000).toISOString() }).set('Authorization', rita);
    expect(activity.status).toBe(200);
    expect((activity.body as Array<{ actor: string }>).every((e) => e.actor === 'user:kari')).toBe(true);
    expect(activity.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'report.read', subjectId: reportId })]));
    const before = await mottak.http.get('/api/v1/audit/users/kari/activity').query({ to: from }).set('Authorization', rita);
    expect(before.body).toEqual([]);

    const breakGlass = await mottak.http.get('/api/v1/audit/break-glass').set('Authorization', rita);
    expect(breakGlass.status).toBe(200);
    expect((breakGlass.body as Array<{ action: string }>).every((e) => e.action === 'report.break_glass')).toBe(true);

    const bad = await mottak.http.get('/api/v1/audit/users/kari/activity').query({ from: 'i går' }).set('Authorization', rita);
    expect(bad.status).toBe(400);

    const own = await mottak.http.get('/api/v1/audit').query({ actor: 'user:rita', action: 'audit.read' }).set('Authorization', rita);
    expect((own.body as Array<{ details: { view?: string } }>).map((e) => e.details.view)).toEqual(expect.arrayContaining(['report-access', 'user-activity', 'break-glass']));
  });

  it('signs checkpoints whose inclusion and consistency proofs verify outside Mottak, with the exported public key', async () => {
    const first = await mottak.http.post('/api/v1/audit/checkpoints').set('Authorization', rita).send({ log: 'audit' });
    expect(first.status).toBe(201);
    await mottak.http.get(`/api/v1/reports/${reportId}`).set('Authorization', kari);
    const second = await mottak.http.post('/api/v1/audit/checkpoints').set('Authorization', rita).send({ log: 'audit' });
    const [c1, c2] = [first.body.checkpoint, second.body.checkpoint];
    expect(c2.treeSize).toBeGreaterThan(c1.treeSize);

    const listed = await mottak.http.get('/api/v1/audit/checkpoints').query({ log: 'audit' }).set('Authorization', rita);
    expect(listed.body[0]).toMatchObject({ treeSize: c2.treeSize, rootHash: c2.rootHash, number: 2 });

    const extract = await mottak.http.get('/api/v1/audit/extract').query({ actor: 'user:kari', action: 'report.read' }).set('Authorization', rita);
    expect(extract.status).toBe(200);
    const key = checkpointVerifierFromPem(extract.body.publicKeyPem);
    const { checkpoint } = extract.body;
    expect(checkpoint.treeSize).toBe(c2.treeSize);
    expect(checkpointSignatureValid(key, checkpoint)).toBe(true);
    expect(extract.body.entries.length).toBeGreaterThanOrEqual(2);
    extract.body.entries.forEach((entry: { seq: number }, i: number) => {
      const proof = extract.body.proofs[i];
      const leaf = leafHash(entryLeafData(entry as never));
      expect(proof.leafHash).toBe(leaf.toString('hex'));
      expect(verifyInclusion(entry.seq - 1, checkpoint.treeSize, leaf, proof.proof.map(hex), hex(checkpoint.rootHash))).toBe(true);
    });

    const inclusion = await mottak.http.get('/api/v1/audit/proofs/inclusion').query({ log: 'audit', seq: 1, treeSize: c1.treeSize }).set('Authorization', rita);
    expect(inclusion.status).toBe(200);
    expect(verifyInclusion(0, c1.treeSize, hex(inclusion.body.leafHash), inclusion.body.proof.map(hex), hex(c1.rootHash))).toBe(true);

    const consistency = await mottak.http.get('/api/v1/audit/proofs/consistency').query({ log: 'audit', oldSize: c1.treeSize, newSize: c2.treeSize }).set('Authorization', rita);
    expect(consistency.status).toBe(200);
    expect(consistency.body).toMatchObject({ oldRootHash: c1.rootHash, newRootHash: c2.rootHash });
    expect(verifyConsistency(c1.treeSize, c2.treeSize, hex(c1.rootHash), hex(c2.rootHash), consistency.body.proof.map(hex))).toBe(true);

    const beyond = await mottak.http.get('/api/v1/audit/proofs/inclusion').query({ log: 'audit', seq: c2.treeSize + 1, treeSize: c2.treeSize }).set('Authorization', rita);
    expect(beyond.status).toBe(404);
    expect(beyond.body.code).toBe('LOG_ENTRY_NOT_FOUND');
    const tooBig = await mottak.http.get('/api/v1/audit/proofs/consistency').query({ log: 'audit', oldSize: 1, newSize: 1_000_000 }).set('Authorization', rita);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.code).toBe('TREE_SIZE_INVALID');

    const proofsRead = await mottak.http.get('/api/v1/audit').query({ actor: 'user:rita', action: 'audit.proof.inclusion' }).set('Authorization', rita);
    expect(proofsRead.body.length).toBeGreaterThanOrEqual(1);
  });

  it('verifies both logs, then pinpoints an audit entry rewritten with a recomputed chain via the signed checkpoint', async () => {
    await mottak.http.post('/api/v1/audit/checkpoints').set('Authorization', rita).send({ log: 'journal' });
    const signed = await mottak.http.post('/api/v1/audit/checkpoints').set('Authorization', rita).send({ log: 'audit' });
    const intact = await mottak.http.get('/api/v1/audit/verify').set('Authorization', rita);
    expect(intact.status).toBe(200);
    expect(intact.body.map((r: { log: string; ok: boolean }) => [r.log, r.ok])).toEqual([
      ['journal', true],
      ['audit', true],
    ]);

    // Hide that kari read the report: her first read becomes someone else's search.
    const reads = await mottak.http.get(`/api/v1/audit/reports/${reportId}/access`).set('Authorization', rita);
    const target = (reads.body as Array<{ seq: number; actor: string; action: string }>).find((e) => e.actor === 'user:kari' && e.action === 'report.read')!;
    expect(target.seq).toBeLessThanOrEqual(signed.body.checkpoint.treeSize);
    rewriteHistory(path.join(mottak.dataDir, 'audit.db'), 'audit_entries', target.seq, () => ({ actor: 'user:adam', action: 'search' }));

    const caught = await mottak.http.get('/api/v1/audit/verify').query({ log: 'audit' }).set('Authorization', rita);
    const [result] = caught.body;
    expect(result.ok).toBe(false);
    expect(result.chain.ok).toBe(true); // the chain alone no longer tells
    expect(result.problem.kind).toBe('altered');
    expect(result.problem.firstSeq).toBeLessThanOrEqual(target.seq);
    expect(result.problem.lastSeq).toBeGreaterThanOrEqual(target.seq);
    expect(result.problem.message).toMatch(/sjekkpunkt #\d+ \(størrelse \d+\) signerte/);
  });

  it('pinpoints a journal entry rewritten with a recomputed chain, and a journal cut below a signed size', async () => {
    const signed = await mottak.http.post('/api/v1/audit/checkpoints').set('Authorization', rita).send({ log: 'journal' });
    const size = signed.body.checkpoint.treeSize as number;
    rewriteHistory(path.join(mottak.dataDir, 'mottak.db'), 'journal_entries', size, (row) => ({ details: JSON.stringify({ ...JSON.parse(row.details), forfalsket: true }) }));
    const caught = (await mottak.http.get('/api/v1/audit/verify').query({ log: 'journal' }).set('Authorization', rita)).body[0];
    expect(caught).toMatchObject({ ok: false, chain: { ok: true }, problem: { kind: 'altered' } });
    expect(caught.problem.firstSeq).toBeLessThanOrEqual(size);
    expect(caught.problem.lastSeq).toBe(size);

    const db = openSqliteDatabase(path.join(mottak.dataDir, 'mottak.db'));
    try {
      db.exec('DROP TRIGGER IF EXISTS journal_entries_append_only_delete');
      db.prepare('DELETE FROM journal_entries WHERE seq >= ?').run(size);
    } finally {
      db.close();
    }
    const cut = (await mottak.http.get('/api/v1/audit/verify').query({ log: 'journal' }).set('Authorization', rita)).body[0];
    expect(cut).toMatchObject({ ok: false, entries: size - 1, problem: { kind: 'truncated', firstSeq: size, lastSeq: size } });
    expect(cut.problem.message).toContain(`bare ${size - 1} finnes`);
  });
});
