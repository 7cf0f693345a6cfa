import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeEml, makePdf } from '@mottak/test-kit';
import { runCommand } from './command';
import { captureIo, openTestStore, type TestStore } from './cli-test-support';
import { importEmlCommand } from './import-eml.command';

const EVERYTHING = { kind: 'all' } as const;

describe('import-eml', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  it('imports every .eml under a directory once, with attachments, and names the files it refuses', async () => {
    const dir = path.join(store.dataDir, 'innboks');
    mkdirSync(path.join(dir, 'undermappe'), { recursive: true });
    writeFileSync(path.join(dir, 'a.eml'), makeEml({ headers: { From: 'a@example.no', Subject: 'Første' }, text: 'Tekst A', parts: [{ contentType: 'application/pdf', filename: 'a.pdf', content: makePdf(['Vedlegg A']) }] }));
    writeFileSync(path.join(dir, 'undermappe', 'b.eml'), makeEml({ headers: { From: 'b@example.no', Subject: 'Andre' }, text: 'Tekst B' }));
    writeFileSync(path.join(dir, 'tom.eml'), '');
    writeFileSync(path.join(dir, 'ignorert.txt'), 'ikke en melding');

    const first = captureIo();
    expect(await runCommand(importEmlCommand, store.deps, [dir], first.io)).toBe(1);
    expect(first.stdout()).toContain('Filer: 3, importert: 2, fra før: 0, avvist: 1');
    expect(first.stdout()).toMatch(/avvist .*tom\.eml: Meldingen er tom/);

    const again = captureIo();
    await runCommand(importEmlCommand, store.deps, [dir], again.io);
    expect(again.stdout()).toContain('importert: 0, fra før: 2');

    const { items } = await store.deps.store.list(EVERYTHING, { limit: 10, offset: 0 });
    expect(items.map((r) => r.title).sort()).toEqual(['Andre', 'Første']);
    const withAttachment = items.find((r) => r.title === 'Første');
    expect(withAttachment).toMatchObject({ channel: 'e-post', source: { kind: 'import', name: 'import:eml' }, attachments: [{ filename: 'a.pdf', contentType: 'application/pdf' }] });
    expect(withAttachment?.original?.size).toBeGreaterThan(0);
  });

  it('refuses a path that does not exist before opening anything', () => {
    expect(() => importEmlCommand.prepare(['/finnes/ikke.eml'])).toThrow(/finner ikke/);
  });
});
