import type { AuditLog } from '@mottak/core';
import { GENESIS_HASH } from '@mottak/domain';
import { anAuditEntry } from './builders';

/** One audit log under test, on fresh, empty storage. */
export interface AuditLogFixture {
  log: AuditLog;
  /** Opens another handle on the same storage (a restart, or a second process); cleanup closes it. */
  openAgain(): Promise<AuditLog>;
  /** Test-only: alters the stored details of entry `seq` behind the log's back. */
  tamper(seq: number): Promise<void>;
  /** Test-only: removes entry `seq` behind the log's back. */
  remove(seq: number): Promise<void>;
  cleanup(): Promise<void>;
}

export type AuditLogFactory = () => Promise<AuditLogFixture>;

/**
 * The behaviour every AuditLog must show: entries numbered and hash-linked in order, durable,
 * filterable for auditors, and a verification that names the first altered or missing entry.
 */
export function describeAuditLogContract(name: string, makeLog: AuditLogFactory): void {
  describe(`AuditLog contract: ${name}`, () => {
    let fixture: AuditLogFixture;
    beforeEach(async () => {
      fixture = await makeLog();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('numbers entries from 1 and links each to the hash of the one before', async () => {
      const first = await fixture.log.append(anAuditEntry());
      const second = await fixture.log.append(anAuditEntry({ action: 'search', subjectId: undefined, details: { text: 'kaia' } }));
      expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, actor: 'user:kari', action: 'report.read', subjectId: 'report-1' });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash, action: 'search', details: { text: 'kaia' } });
      expect(second).not.toHaveProperty('subjectId');
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('returns from list exactly what append returned, and keeps it across handles', async () => {
      const appended = [
        await fixture.log.append(anAuditEntry({ details: { fields: ['title', 'body'], count: 2, nested: { ok: true } } })),
        await fixture.log.append(anAuditEntry({ action: 'login', subjectId: undefined })),
      ];
      expect(await fixture.log.list({ limit: 10 })).toEqual(appended);
      const again = await fixture.openAgain();
      expect(await again.list({ limit: 10 })).toEqual(appended);
      expect(await again.verify()).toEqual({ ok: true, entries: 2 });
    });

    it('filters by actor, subject and action, pages with afterSeq and limit', async () => {
      await fixture.log.append(anAuditEntry({ actor: 'user:kari', subjectId: 'report-1', action: 'report.read' }));
      await fixture.log.append(anAuditEntry({ actor: 'user:ola', subjectId: 'report-1', action: 'report.read' }));
      await fixture.log.append(anAuditEntry({ actor: 'user:kari', subjectId: 'report-2', action: 'report.exported' }));
      await fixture.log.append(anAuditEntry({ actor: 'user:kari', subjectId: undefined, action: 'search' }));
      const seqs = async (query: Parameters<AuditLog['list']>[0]) => (await fixture.log.list(query)).map((e) => e.seq);
      expect(await seqs({ actor: 'user:kari', limit: 10 })).toEqual([1, 3, 4]);
      expect(await seqs({ subjectId: 'report-1', limit: 10 })).toEqual([1, 2]);
      expect(await seqs({ action: 'report.read', limit: 10 })).toEqual([1, 2]);
      expect(await seqs({ actor: 'user:kari', action: 'report.read', limit: 10 })).toEqual([1]);
      expect(await seqs({ afterSeq: 1, limit: 2 })).toEqual([2, 3]);
      expect(await seqs({ actor: 'user:kari', afterSeq: 3, limit: 10 })).toEqual([4]);
    });

    it('finds every entry that showed a report — reads, search hits, lists and exports — with mentions', async () => {
      await fixture.log.append(anAuditEntry({ actor: 'user:kari', subjectId: 'report-1', action: 'report.read' }));
      await fixture.log.append(anAuditEntry({ actor: 'user:siri', subjectId: undefined, action: 'search', details: { hits: 2, ids: ['report-2', 'report-1'] } }));
      await fixture.log.append(anAuditEntry({ actor: 'user:ola', subjectId: undefined, action: 'search', details: { hits: 1, ids: ['report-2'] } }));
      await fixture.log.append(anAuditEntry({ actor: 'user:rita', subjectId: undefined, action: 'export.stix', details: { reportIds: ['report-3', 'report-1'] } }));
      // Not a list of shown ids: a report id mentioned elsewhere in the details does not count.
      await fixture.log.append(anAuditEntry({ actor: 'user:kim', subjectId: undefined, action: 'search', details: { query: 'report-1', ids: [] } }));
      const seqs = async (query: Parameters<AuditLog['list']>[0]) => (await fixture.log.list(query)).map((e) => e.seq);
      expect(await seqs({ mentions: 'report-1', limit: 10 })).toEqual([1, 2, 4]);
      expect(await seqs({ mentions: 'report-2', limit: 10 })).toEqual([2, 3]);
      expect(await seqs({ mentions: 'report-1', action: 'search', limit: 10 })).toEqual([2]);
      expect(await seqs({ mentions: 'report-1', afterSeq: 1, limit: 1 })).toEqual([2]);
      expect(await seqs({ mentions: 'report-9', limit: 10 })).toEqual([]);
      // Survives a restart (the index is stored, not rebuilt in memory).
      const again = await fixture.openAgain();
      expect((await again.list({ mentions: 'report-1', limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 4]);
    });

    it('filters by a half-open time range [from, to) on `at`, alone and with other filters', async () => {
      const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 10, minute)).toISOString();
      await fixture.log.append(anAuditEntry({ at: at(0), actor: 'user:kari' }));
      await fixture.log.append(anAuditEntry({ at: at(10), actor: 'user:ola' }));
      await fixture.log.append(anAuditEntry({ at: at(20), actor: 'user:kari' }));
      await fixture.log.append(anAuditEntry({ at: at(30), actor: 'user:kari' }));
      const seqs = async (query: Parameters<AuditLog['list']>[0]) => (await fixture.log.list(query)).map((e) => e.seq);
      expect(await seqs({ from: at(10), limit: 10 })).toEqual([2, 3, 4]);
      expect(await seqs({ to: at(20), limit: 10 })).toEqual([1, 2]);
      expect(await seqs({ from: at(10), to: at(30), limit: 10 })).toEqual([2, 3]);
      expect(await seqs({ actor: 'user:kari', from: at(5), to: at(31), limit: 10 })).toEqual([3, 4]);
      expect(await seqs({ from: at(31), limit: 10 })).toEqual([]);
    });

    it('lists newest first with order desc (the latest entry of a kind in one query)', async () => {
      await fixture.log.append(anAuditEntry({ action: 'checkpoint.signed' }));
      await fixture.log.append(anAuditEntry({ action: 'report.read' }));
      await fixture.log.append(anAuditEntry({ action: 'checkpoint.signed' }));
      const seqs = async (query: Parameters<AuditLog['list']>[0]) => (await fixture.log.list(query)).map((e) => e.seq);
      expect(await seqs({ order: 'desc', limit: 10 })).toEqual([3, 2, 1]);
      expect(await seqs({ action: 'checkpoint.signed', order: 'desc', limit: 1 })).toEqual([3]);
      expect(await seqs({ order: 'desc', afterSeq: 1, limit: 10 })).toEqual([3, 2]);
    });

    it('keeps one unbroken chain under 50 simultaneous appends', async () => {
      const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => fixture.log.append(anAuditEntry({ details: { i } }))));
      expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await fixture.log.verify()).toEqual({ ok: true, entries: 50 });
    });

    it('verifies an empty log', async () => {
      expect(await fixture.log.verify()).toEqual({ ok: true, entries: 0 });
    });

    it('names the first entry whose content was altered', async () => {
      for (let i = 0; i < 5; i += 1) await fixture.log.append(anAuditEntry({ details: { i } }));
      await fixture.tamper(4);
      await fixture.tamper(2);
      expect(await fixture.log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    });

    it('names a removed entry', async () => {
      for (let i = 0; i < 5; i += 1) await fixture.log.append(anAuditEntry({ details: { i } }));
      await fixture.remove(3);
      expect(await fixture.log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });
  });
}
