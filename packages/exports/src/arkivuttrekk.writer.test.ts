import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Report } from '@mottak/domain';
import { ARKIVSTRUKTUR_FILE, ENDRINGSLOGG_FILE, writeArkivuttrekk } from './arkivuttrekk.writer';
import { StringSink } from './checksum-sink';
import { journalOf, registeredReport } from './test-reports.fixture';

const run = promisify(execFile);
const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** Validates files against the XSD with the JDK (schema/XsdValidate.java); resolves with stdout, rejects with it on invalid. */
async function validate(files: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'arkivuttrekk-'));
  try {
    const paths = Object.entries(files).map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text, 'utf8');
      return path;
    });
    const { stdout } = await run('java', [join(SCHEMA_DIR, 'XsdValidate.java'), join(SCHEMA_DIR, 'arkivuttrekk.xsd'), ...paths], { cwd: SCHEMA_DIR });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 1) return { ok: false, output: e.stdout ?? '' };
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NASTY = `Tittel med <&>"' og kontroll\u0001tegn\r\nog ]]> og 😀`;

async function extract(reports: Report[]) {
  const arkivstruktur = new StringSink();
  const endringslogg = new StringSink();
  async function* records() {
    for (const report of reports) yield { report, journal: journalOf(report) };
  }
  const manifest = await writeArkivuttrekk(
    { uttrekkId: 'uttrekk-1', producedAt: new Date('2026-03-05T10:00:00.000Z'), producer: 'Mottak <enhet> & "co"', records: records() },
    { arkivstruktur, endringslogg },
  );
  return { manifest, files: { [ARKIVSTRUKTUR_FILE]: arkivstruktur.toString(), [ENDRINGSLOGG_FILE]: endringslogg.toString() } };
}

describe('writeArkivuttrekk', () => {
  // Java compiles XsdValidate.java on each run: allow it a little time on a busy machine.
  jest.setTimeout(60_000);

  it('writes journalposter and the endringslogg that validate against the schema', async () => {
    const reports = [
      registeredReport({ title: NASTY, body: `Innhold ${NASTY}`, skjerming: { hjemmel: 'offl. § 13, jf. sikkerhetsloven § 5-3' } }),
      registeredReport({ id: 'r-2', status: 'utgar', registration: { ...registeredReport().registration!, journalNumber: '2026/000002' } }),
    ];
    const { manifest, files } = await extract(reports);
    expect(manifest).toMatchObject({ uttrekkId: 'uttrekk-1', journalposter: 2, endringer: 6, reportIds: ['r-1', 'r-2'] });
    const struktur = files[ARKIVSTRUKTUR_FILE]!;
    expect(struktur).toContain('<journalnummer>2026/000001</journalnummer>');
    expect(struktur).toContain('<tittel>Tittel med &lt;&amp;&gt;&quot;&apos; og kontroll\uFFFDtegn&#13;\nog ]]&gt; og 😀</tittel>');
    expect(struktur).toContain('<skjermingshjemmel>offl. § 13, jf. sikkerhetsloven § 5-3</skjermingshjemmel>');
    expect(struktur).toContain('<arkivskaper>Mottak &lt;enhet&gt; &amp; &quot;co&quot;</arkivskaper>');
    const logg = files[ENDRINGSLOGG_FILE]!;
    expect(logg).toContain('<referanseMetadata>compartments</referanseMetadata>');
    expect(logg).toContain('<tidligereVerdi>[]</tidligereVerdi>');
    expect(logg).toContain('<nyVerdi>[&quot;kontra&quot;]</nyVerdi>');
    expect(logg).toContain('<begrunnelse>Registrert etter vurdering</begrunnelse>');
    const result = await validate(files);
    expect(result).toEqual({ ok: true, output: expect.stringContaining(`OK`) });
  });

  it('lists the SHA-256 and size of every file in the manifest', async () => {
    const { manifest, files } = await extract([registeredReport()]);
    expect(manifest.files).toEqual(
      Object.entries(files).map(([name, text]) => ({
        name,
        sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
        bytes: Buffer.byteLength(text, 'utf8'),
      })),
    );
  });

  it('writes a valid extract with no journalposter', async () => {
    const { manifest, files } = await extract([]);
    expect(manifest.journalposter).toBe(0);
    expect((await validate(files)).ok).toBe(true);
  });

  it('is refused by the schema when a document breaks it', async () => {
    const { files } = await extract([registeredReport()]);
    const wrongGradering = files[ARKIVSTRUKTUR_FILE]!.replace('<gradering>BEGRENSET</gradering>', '<gradering>TOPP_HEMMELIG</gradering>');
    const invalid = await validate({ [ARKIVSTRUKTUR_FILE]: wrongGradering });
    expect(invalid.ok).toBe(false);
    expect(invalid.output).toMatch(/INVALID .*arkivstruktur\.xml:\d+:\d+: .*TOPP_HEMMELIG/);
    const missingWho = files[ENDRINGSLOGG_FILE]!.replace(/<endretAv>[^<]*<\/endretAv>/, '');
    expect((await validate({ [ENDRINGSLOGG_FILE]: missingWho })).ok).toBe(false);
    const notWellFormed = files[ARKIVSTRUKTUR_FILE]!.replace('&amp;', '&');
    expect((await validate({ [ARKIVSTRUKTUR_FILE]: notWellFormed })).ok).toBe(false);
  });
});
