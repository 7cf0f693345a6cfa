import { BodyShort, Table } from '@navikt/ds-react';
import type { LogEntry } from '../api/types';
import { formatLogTime } from './format';

function shorten(value: unknown): string {
  // Content (title, body, note) comes as { length, value } — the value read from the stored version —
  // or as { length } alone in the raw journal, which never holds the text itself.
  if (value !== null && typeof value === 'object' && 'length' in value) {
    const content = value as { length: unknown; value?: unknown };
    return 'value' in content ? shorten(content.value) : `(${String(content.length)} tegn, se versjonene)`;
  }
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '–' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** A journal entry's field changes as "element: old → new". */
function changesText(changes: unknown): string | undefined {
  if (!Array.isArray(changes)) return undefined;
  const lines = changes.map((change: { field?: unknown; from?: unknown; to?: unknown }) =>
    typeof change?.field === 'string' ? `${change.field}: ${shorten(change.from)} → ${shorten(change.to)}` : undefined,
  );
  return lines.every((line) => line !== undefined) ? lines.join('; ') : undefined;
}

/** Details of an entry in one readable line: `field: value · …`, changes as old → new. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => (key === 'changes' ? `endret: ${changesText(value) ?? shorten(value)}` : `${key}: ${shorten(value)}`))
    .join(' · ');
}

/** Journal or audit entries: sequence, time, actor, action, subject and details. */
export function LogTable({ entries, label }: { entries: readonly LogEntry[]; label: string }) {
  if (entries.length === 0) return <BodyShort className="muted">Ingen oppføringer.</BodyShort>;
  return (
    <div className="table-scroll">
      <Table size="small" zebraStripes aria-label={label}>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Nr.</Table.HeaderCell>
            <Table.HeaderCell scope="col">Tid</Table.HeaderCell>
            <Table.HeaderCell scope="col">Hvem</Table.HeaderCell>
            <Table.HeaderCell scope="col">Handling</Table.HeaderCell>
            <Table.HeaderCell scope="col">Objekt</Table.HeaderCell>
            <Table.HeaderCell scope="col">Detaljer</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {entries.map((entry) => (
            <Table.Row key={entry.seq}>
              <Table.DataCell>{entry.seq}</Table.DataCell>
              <Table.DataCell className="nowrap">{formatLogTime(entry.at)}</Table.DataCell>
              <Table.DataCell>{entry.actor}</Table.DataCell>
              <Table.DataCell>{entry.action}</Table.DataCell>
              <Table.DataCell className="mono">{entry.subjectId ? entry.subjectId.slice(0, 8) : '–'}</Table.DataCell>
              <Table.DataCell className="log-details">{detailsText(entry.details)}</Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
