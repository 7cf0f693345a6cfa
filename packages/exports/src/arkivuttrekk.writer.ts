import type { ChainedEntry, FieldChange, Report } from '@mottak/domain';
import { ChecksumSink, type ManifestFile, type TextSink } from './checksum-sink';
import { escapeXml, xmlElement } from './xml-escape';

/** Namespace of both XML files; packages/exports/schema/arkivuttrekk.xsd defines it. */
export const ARKIVUTTREKK_NAMESPACE = 'urn:mottak:arkivuttrekk:1';
export const ARKIVSTRUKTUR_FILE = 'arkivstruktur.xml';
export const ENDRINGSLOGG_FILE = 'endringslogg.xml';

/** One journalpost with its journal entries (oldest first), as the extract writes it. */
export interface ArkivRecord {
  report: Report;
  journal: readonly ChainedEntry[];
}

export interface ArkivuttrekkInput {
  uttrekkId: string;
  producedAt: Date;
  /** The producing unit (arkivskaper). */
  producer: string;
  /** Journalposter in journal order; streamed, never held all at once. */
  records: AsyncIterable<ArkivRecord> | Iterable<ArkivRecord>;
}

/** The manifest: what was extracted, and a SHA-256 checksum of every file. */
export interface ArkivuttrekkManifest {
  format: 'mottak-arkivuttrekk';
  formatVersion: '1.0';
  uttrekkId: string;
  producedAt: string;
  producer: string;
  journalposter: number;
  endringer: number;
  /** Report ids in the extract, in order (for the audit log). */
  reportIds: string[];
  files: ManifestFile[];
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Journal entry values are strings, numbers, arrays or objects; the log shows strings as they are and the rest as JSON. */
function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  // Content elements arrive resolved from the stored versions as { length, value } (the journal holds only the length).
  if (typeof value === 'object' && 'value' in value && 'length' in value) return valueText((value as { value: unknown }).value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isFieldChange(value: unknown): value is FieldChange {
  return typeof value === 'object' && value !== null && typeof (value as FieldChange).field === 'string';
}

function journalpostXml(report: Report): string {
  const r = report.registration;
  const [year, seq] = r ? r.journalNumber.split('/') : [];
  const i = '        ';
  return (
    '      <journalpost>\n' +
    xmlElement('systemID', report.id, i) +
    xmlElement('journalnummer', r?.journalNumber, i) +
    xmlElement('journalaar', year, i) +
    xmlElement('journalsekvensnummer', seq === undefined ? undefined : Number(seq), i) +
    xmlElement('tittel', report.title, i) +
    xmlElement('mottattDato', report.receivedAt, i) +
    xmlElement('journaldato', r?.registeredAt, i) +
    xmlElement('journalstatus', report.status, i) +
    xmlElement('gradering', report.gradering, i) +
    (report.skjerming ? `${i}<skjerming>\n${xmlElement('skjermingshjemmel', report.skjerming.hjemmel, `${i}  `)}${i}</skjerming>\n` : '') +
    xmlElement('registrertAv', r?.registeredBy, i) +
    xmlElement('prioritet', r?.priority, i) +
    xmlElement('kategori', r?.category, i) +
    xmlElement('kanal', report.channel, i) +
    xmlElement('versjon', report.version, i) +
    xmlElement('innhold', report.body, i) +
    '      </journalpost>\n'
  );
}

function endringerXml(report: Report, journal: readonly ChainedEntry[]): { xml: string; count: number } {
  let xml = '';
  let count = 0;
  for (const entry of journal) {
    const changes = Array.isArray(entry.details.changes) ? entry.details.changes.filter(isFieldChange) : [];
    const reason = typeof entry.details.reason === 'string' ? entry.details.reason : undefined;
    for (const change of changes) {
      const i = '    ';
      xml +=
        '  <endring>\n' +
        xmlElement('referanseArkivenhet', report.id, i) +
        xmlElement('journalnummer', report.registration?.journalNumber, i) +
        xmlElement('journalSekvens', entry.seq, i) +
        xmlElement('hendelse', entry.action, i) +
        xmlElement('referanseMetadata', change.field, i) +
        xmlElement('endretDato', entry.at, i) +
        xmlElement('endretAv', entry.actor, i) +
        xmlElement('tidligereVerdi', valueText(change.from), i) +
        xmlElement('nyVerdi', valueText(change.to), i) +
        xmlElement('begrunnelse', reason, i) +
        '  </endring>\n';
      count++;
    }
  }
  return { xml, count };
}

/**
 * Writes a Noark-5-style archival extract: `arkivstruktur.xml` (one arkiv, one arkivdel with its
 * journalposter; there are no saker yet) and `endringslogg.xml` (every field change from the
 * journal: element, old, new, who, when, why), streaming record by record into the two sinks, and
 * returns the manifest with the SHA-256 of each file.
 */
export async function writeArkivuttrekk(
  input: ArkivuttrekkInput,
  sinks: { arkivstruktur: TextSink; endringslogg: TextSink },
): Promise<ArkivuttrekkManifest> {
  const struktur = new ChecksumSink(ARKIVSTRUKTUR_FILE, sinks.arkivstruktur);
  const logg = new ChecksumSink(ENDRINGSLOGG_FILE, sinks.endringslogg);
  const producedAt = input.producedAt.toISOString();
  const ns = `xmlns="${ARKIVUTTREKK_NAMESPACE}"`;
  await struktur.write(
    `${XML_DECLARATION}<arkivstruktur ${ns} uttrekkId="${escapeXml(input.uttrekkId)}" produsert="${producedAt}">\n` +
      `  <arkiv>\n    <tittel>Mottak</tittel>\n    <arkivskaper>${escapeXml(input.producer)}</arkivskaper>\n` +
      `    <arkivdel>\n      <tittel>Journal for mottatte meldinger</tittel>\n`,
  );
  await logg.write(`${XML_DECLARATION}<endringslogg ${ns} uttrekkId="${escapeXml(input.uttrekkId)}" produsert="${producedAt}">\n`);
  let journalposter = 0;
  let endringer = 0;
  const reportIds: string[] = [];
  for await (const record of input.records) {
    await struktur.write(journalpostXml(record.report));
    const changes = endringerXml(record.report, record.journal);
    if (changes.count > 0) await logg.write(changes.xml);
    journalposter++;
    endringer += changes.count;
    reportIds.push(record.report.id);
  }
  await struktur.write('    </arkivdel>\n  </arkiv>\n</arkivstruktur>\n');
  await logg.write('</endringslogg>\n');
  return {
    format: 'mottak-arkivuttrekk',
    formatVersion: '1.0',
    uttrekkId: input.uttrekkId,
    producedAt,
    producer: input.producer,
    journalposter,
    endringer,
    reportIds,
    files: [struktur.finish(), logg.finish()],
  };
}

