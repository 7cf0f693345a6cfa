import { createHash } from 'node:crypto';
import type { AttachmentStore } from '@mottak/core';

/** One attachment store under test, on fresh storage; `openAgain` is another handle on the same storage. */
export interface AttachmentStoreFixture {
  store: AttachmentStore;
  openAgain(): Promise<AttachmentStore>;
  cleanup(): Promise<void>;
}

function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Bytes that are the same for the same seed and differ for different seeds, `size` long. */
function bytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/**
 * The contract every AttachmentStore adapter must pass: content stored once by SHA-256 and read
 * back byte for byte, references per report, extraction results beside the content, and release
 * that deletes only content no other report refers to.
 */
export function describeAttachmentStoreContract(name: string, makeStore: () => Promise<AttachmentStoreFixture>): void {
  describe(`AttachmentStore contract: ${name}`, () => {
    let fixture: AttachmentStoreFixture;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('stores content under its SHA-256 and reads it back byte for byte', async () => {
      const content = Buffer.concat([Buffer.from('%PDF-1.4\n'), bytes('pdf', 1000), Buffer.from([0, 255, 0x80, 0x0d, 0x0a])]);
      const stored = await fixture.store.put('report-a', content);
      expect(stored).toEqual({ sha256: sha256(content), size: content.length, created: true });
      const read = await fixture.store.get(stored.sha256);
      expect(read && Buffer.compare(read, content)).toBe(0);
      expect(await fixture.store.get('0'.repeat(64))).toBeUndefined();
    });

    it('stores the same bytes once, however many reports carry them', async () => {
      const content = Buffer.from('Samme vedlegg i to rapporter\n');
      const first = await fixture.store.put('report-a', content);
      const second = await fixture.store.put('report-b', content);
      const again = await fixture.store.put('report-a', content);
      expect(first.created).toBe(true);
      expect(second).toEqual({ ...first, created: false });
      expect(again).toEqual({ ...first, created: false });
      expect(await fixture.store.listFor('report-a')).toEqual([first.sha256]);
      expect(await fixture.store.listFor('report-b')).toEqual([first.sha256]);
      expect(await fixture.store.listFor('report-c')).toEqual([]);
    });

    it('keeps empty and large content exactly', async () => {
      const empty = await fixture.store.put('report-a', Buffer.alloc(0));
      expect(empty.size).toBe(0);
      expect((await fixture.store.get(empty.sha256))?.length).toBe(0);
      const large = bytes('large', 6 * 1024 * 1024 + 17);
      const stored = await fixture.store.put('report-a', large);
      expect(stored.size).toBe(large.length);
      const read = await fixture.store.get(stored.sha256);
      expect(read?.length).toBe(large.length);
      expect(read && sha256(read)).toBe(stored.sha256);
      expect(new Set(await fixture.store.listFor('report-a'))).toEqual(new Set([empty.sha256, stored.sha256]));
    });

    it('keeps an extraction result beside the content, and none for unknown content', async () => {
      const { sha256: digest } = await fixture.store.put('report-a', Buffer.from('tekst'));
      expect(await fixture.store.getExtraction(digest)).toBeUndefined();
      await fixture.store.saveExtraction(digest, { status: 'failed', failure: 'corrupt', reason: 'Skadet fil' });
      expect(await fixture.store.getExtraction(digest)).toEqual({ status: 'failed', failure: 'corrupt', reason: 'Skadet fil' });
      await fixture.store.saveExtraction(digest, { status: 'extracted', text: 'Blåbær 🫐 og ‮høyre-til-venstre', truncated: false });
      expect(await fixture.store.getExtraction(digest)).toEqual({ status: 'extracted', text: 'Blåbær 🫐 og ‮høyre-til-venstre', truncated: false });
      const unknown = sha256(Buffer.from('finnes ikke'));
      await fixture.store.saveExtraction(unknown, { status: 'extracted', text: 'x', truncated: false });
      expect(await fixture.store.getExtraction(unknown)).toBeUndefined();
    });

    it('release deletes content only this report carried, keeps shared content, and can run again', async () => {
      const shared = Buffer.from('delt innhold');
      const own = Buffer.from('bare rapport A');
      const sharedDigest = (await fixture.store.put('report-a', shared)).sha256;
      const ownDigest = (await fixture.store.put('report-a', own)).sha256;
      await fixture.store.put('report-b', shared);
      await fixture.store.saveExtraction(ownDigest, { status: 'extracted', text: 'bare rapport A', truncated: false });

      const released = await fixture.store.release('report-a');
      expect(released.deleted).toEqual([ownDigest]);
      expect(await fixture.store.get(ownDigest)).toBeUndefined();
      expect(await fixture.store.getExtraction(ownDigest)).toBeUndefined();
      expect((await fixture.store.get(sharedDigest))?.toString()).toBe('delt innhold');
      expect(await fixture.store.listFor('report-a')).toEqual([]);
      expect(await fixture.store.release('report-a')).toEqual({ deleted: [] });

      // The last report carrying it lets it go too; storing it again later stores it anew.
      expect((await fixture.store.release('report-b')).deleted).toEqual([sharedDigest]);
      expect(await fixture.store.get(sharedDigest)).toBeUndefined();
      expect((await fixture.store.put('report-c', shared)).created).toBe(true);
    });

    it('concurrent puts of the same bytes store one copy with every reference', async () => {
      const content = bytes('concurrent', 300_000);
      const other = await fixture.openAgain();
      const results = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((id, i) => (i % 2 === 0 ? fixture.store : other).put(id, content)));
      expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
      expect(results.filter((r) => r.created).length).toBe(1);
      for (const id of ['r1', 'r2', 'r3', 'r4']) expect(await other.listFor(id)).toEqual([sha256(content)]);
      const read = await other.get(sha256(content));
      expect(read && Buffer.compare(read, content)).toBe(0);
    });
  });
}
