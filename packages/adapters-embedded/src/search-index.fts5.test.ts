import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aSearchDocument, describeSearchIndexContract } from '@mottak/test-kit';
import { createFts5SearchIndex, identifierToken } from './search-index.fts5';
import { openSqliteDatabase } from './sqlite-database';

function tempFile(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-search-'));
  return { file: path.join(dir, 'search.db'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describeSearchIndexContract('SQLite FTS5', async () => {
  const temp = tempFile();
  const subject = createFts5SearchIndex(temp.file);
  return {
    subject,
    cleanup: async () => {
      await subject.close();
      temp.remove();
    },
  };
});

describe('Fts5SearchIndex', () => {
  let temp: ReturnType<typeof tempFile>;
  beforeEach(() => (temp = tempFile()));
  afterEach(() => temp.remove());

  it('keeps the full-text index consistent with its documents through re-indexing and removal', async () => {
    const index = createFts5SearchIndex(temp.file);
    const docs = Array.from({ length: 20 }, (_, i) => aSearchDocument({ body: `tekst nummer ${i}`, identifiers: [`+47922334${i}`] }));
    await index.upsert(docs);
    await index.upsert(docs.map((doc) => ({ ...doc, body: `${doc.body} endret`, identifiers: [] })));
    await index.remove(docs.slice(0, 7).map((doc) => doc.id));
    await index.close();

    const db = openSqliteDatabase(temp.file);
    try {
      // FTS5 compares every indexed term with the content table; it throws on any drift.
      expect(() => db.exec(`INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
      expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 13 });
      expect(db.prepare(`SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH '"endret"'`).get()).toEqual({ n: 13 });
    } finally {
      db.close();
    }
  });

  it('keeps documents across close and reopen', async () => {
    const doc = aSearchDocument({ body: 'varig innhold' });
    const first = createFts5SearchIndex(temp.file);
    await first.upsert([doc]);
    await first.close();
    const reopened = createFts5SearchIndex(temp.file);
    const result = await reopened.search({ text: 'varig', identifiers: [], access: { kind: 'all' }, limit: 10, offset: 0 });
    await reopened.close();
    expect(result.hits.map((hit) => hit.id)).toEqual([doc.id]);
  });

  it('turns each identifier into one distinct token of letters and digits', () => {
    const tokens = ['+4792233444', '4792233444', 'ola.nordmann@example.no', 'olanordmann@example.no', 'zz@x.no', 'æøå@x.no'].map(
      identifierToken,
    );
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every((token) => /^[a-z0-9]+$/.test(token))).toBe(true);
    expect(identifierToken('+4792233444')).toBe('z00002b4792233444');
  });
});
