import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateStixBundle } from '@mottak/exports';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

const run = promisify(execFile);
const SCHEMA_DIR = join(__dirname, '..', '..', 'packages', 'exports', 'schema');

/** Exports through the real API: STIX 2.1 for sharing, the archival extract, access and audit. */
describe('exports', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('refuses users without the export permission', async () => {
    for (const username of ['kari', 'siri', 'rita']) {
      const auth = await mottak.bearer(username);
      expect((await mottak.http.get('/api/v1/exports/stix').set('Authorization', auth)).status).toBe(403);
      expect((await mottak.http.post('/api/v1/exports/arkivuttrekk').set('Authorization', auth).send({})).status).toBe(403);
    }
  });

  it('exports a valid, masked STIX 2.1 bundle of readable journalposter, and audits it', async () => {
    const frida = await mottak.bearer('frida');
    const response = await mottak.http.get('/api/v1/exports/stix').set('Authorization', frida);
    expect(response.status).toBe(200);
    expect(response.headers['x-mottak-masked']).toBe('true');
    expect(validateStixBundle(response.body)).toEqual({ valid: true });
    const reports = (response.body.objects as Array<{ type: string }>).filter((o) => o.type === 'report');
    expect(reports.length).toBeGreaterThan(0);
    // The demo data holds a fødselsnummer and phone numbers; none of them leaves masked.
    expect(JSON.stringify(response.body)).not.toMatch(/\b\d{11}\b/);

    const rita = await mottak.bearer('rita');
    const activity = await mottak.http.get('/api/v1/audit/users/frida/activity').set('Authorization', rita);
    expect(activity.status).toBe(200);
    expect(JSON.stringify(activity.body)).toContain('export.stix');
  });

  it('exports an archival extract whose files match the manifest and the schema, with only reports frida may read', async () => {
    const frida = await mottak.bearer('frida');
    const response = await mottak.http.post('/api/v1/exports/arkivuttrekk').set('Authorization', frida).send({});
    expect(response.status).toBe(200);
    const { files, manifest } = response.body as { files: Record<string, string>; manifest: { reportIds: string[]; files: Array<{ name: string; sha256: string; bytes: number }> } };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(Object.keys(files).sort());
    for (const file of manifest.files) {
      expect(createHash('sha256').update(files[file.name]!, 'utf8').digest('hex')).toBe(file.sha256);
      expect(Buffer.byteLength(files[file.name]!, 'utf8')).toBe(file.bytes);
    }
    for (const id of manifest.reportIds) {
      expect((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', frida)).status).toBe(200);
    }
    const dir = mkdtempSync(join(tmpdir(), 'uttrekk-api-'));
    try {
      const paths = Object.entries(files).map(([name, text]) => {
        writeFileSync(join(dir, name), text, 'utf8');
        return join(dir, name);
      });
      const { stdout } = await run('java', [join(SCHEMA_DIR, 'XsdValidate.java'), join(SCHEMA_DIR, 'arkivuttrekk.xsd'), ...paths], { cwd: SCHEMA_DIR });
      expect(stdout.match(/^OK /gm)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const rita = await mottak.bearer('rita');
    const activity = await mottak.http.get('/api/v1/audit/users/frida/activity').set('Authorization', rita);
    expect(JSON.stringify(activity.body)).toContain('export.arkivuttrekk');
  }, 60_000);
});
