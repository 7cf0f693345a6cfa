import { Alert, BodyShort, Button, Table } from '@navikt/ds-react';
import { useState } from 'react';
import type { Attachment, OriginalMessage } from '@mottak/domain';
import { errorMessage } from '../api/client';
import { downloadFile } from '../api/download';
import { formatCount } from '../common/format';

/** «12,3 kB»: sizes as a reader says them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} MB`;
}

/** Types a coordinator recognises by name; the rest are shown as the media type. */
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'message/rfc822': 'E-post',
  'text/plain': 'Tekst',
  'text/html': 'HTML',
  'application/octet-stream': 'Ukjent binærfil',
};

export function typeLabel(contentType: string): string {
  const base = (contentType.split(';')[0] ?? '').trim();
  if (TYPE_LABELS[base]) return TYPE_LABELS[base];
  if (base.startsWith('image/')) return `Bilde (${base.slice(6).toUpperCase()})`;
  return base;
}

/** What became of the text extraction, in words. */
export function extractionLabel(extraction: Attachment['extraction']): string {
  if (extraction.status === 'pending') return 'Venter på vurdering';
  if (extraction.status === 'extracted') return `Tekst hentet ut (${formatCount(extraction.characters ?? 0)} tegn${extraction.truncated ? ', forkortet' : ''})`;
  return `Ikke lest: ${extraction.reason ?? 'ukjent årsak'}`;
}

/**
 * A report's attachments (name, type found from the content, size, whether text was extracted)
 * and its original message, each downloadable. Readers who see personal data masked cannot
 * download (files cannot be masked), and are told so.
 */
export function AttachmentsPanel({ reportId, attachments, original, masked }: { reportId: string; attachments: readonly Attachment[]; original?: OriginalMessage; masked: boolean }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  if (attachments.length === 0 && !original) return <BodyShort className="muted">Ingen vedlegg.</BodyShort>;

  async function download(key: string, path: string, filename: string) {
    setError(undefined);
    setBusy(key);
    try {
      await downloadFile(path, filename);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div>
      {masked && (
        <Alert variant="info" size="small" className="spaced">
          Filene kan inneholde personopplysninger og kan ikke skjules: du kan se listen, men ikke laste dem ned.
        </Alert>
      )}
      <Table size="small" aria-label="Vedlegg">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Navn</Table.HeaderCell>
            <Table.HeaderCell scope="col">Type</Table.HeaderCell>
            <Table.HeaderCell scope="col">Størrelse</Table.HeaderCell>
            <Table.HeaderCell scope="col">Tekstuttrekk</Table.HeaderCell>
            <Table.HeaderCell scope="col">
              <span className="sr-only">Last ned</span>
            </Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {attachments.map((attachment, index) => (
            <Table.Row key={`${attachment.sha256}-${index}`}>
              <Table.DataCell>{attachment.filename}</Table.DataCell>
              <Table.DataCell title={attachment.declaredType ? `Oppgitt av avsender: ${attachment.declaredType}` : undefined}>{typeLabel(attachment.contentType)}</Table.DataCell>
              <Table.DataCell>{formatSize(attachment.size)}</Table.DataCell>
              <Table.DataCell>{extractionLabel(attachment.extraction)}</Table.DataCell>
              <Table.DataCell>
                <Button
                  size="xsmall"
                  variant="secondary"
                  disabled={masked}
                  loading={busy === `a${index}`}
                  onClick={() => void download(`a${index}`, `/api/v1/reports/${reportId}/attachments/${attachment.sha256}`, attachment.filename)}
                >
                  Last ned <span className="sr-only">{attachment.filename}</span>
                </Button>
              </Table.DataCell>
            </Table.Row>
          ))}
          {original && (
            <Table.Row>
              <Table.DataCell>Originalmeldingen (.eml)</Table.DataCell>
              <Table.DataCell>E-post</Table.DataCell>
              <Table.DataCell>{formatSize(original.size)}</Table.DataCell>
              <Table.DataCell>Lagret uendret</Table.DataCell>
              <Table.DataCell>
                <Button size="xsmall" variant="secondary" disabled={masked} loading={busy === 'original'} onClick={() => void download('original', `/api/v1/reports/${reportId}/original`, `${reportId}.eml`)}>
                  Last ned <span className="sr-only">originalmeldingen</span>
                </Button>
              </Table.DataCell>
            </Table.Row>
          )}
        </Table.Body>
      </Table>
      {error && (
        <Alert variant="error" size="small" role="alert" className="spaced">
          {error}
        </Alert>
      )}
    </div>
  );
}
