import { Alert, BodyShort, Box, Button, Heading, Select, Table, Textarea, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../api/client';
import type { Report, ReportStatus } from '../api/types';
import { formatDateTime } from '../common/format';
import { STATUS_LABELS } from '../common/labels';

/**
 * Where a user may move a report by hand, as the domain's transition table says (assessment and
 * registration have their own steps). The API decides; this only keeps the choices honest.
 */
const MANUAL_TARGETS: Record<ReportStatus, ReportStatus[]> = {
  mottatt: ['utgar'],
  vurdert: ['utgar'],
  registrert: ['under_behandling', 'utgar'],
  under_behandling: ['ferdigbehandlet', 'utgar'],
  ferdigbehandlet: ['arkivert', 'utgar'],
  arkivert: [],
  utgar: [],
};
const CORRECTABLE: ReportStatus[] = ['registrert', 'under_behandling', 'ferdigbehandlet'];

interface VersionEntry {
  version: number;
  updatedAt: string;
  status: ReportStatus;
  title: string;
  change?: { at: string; actor: string; action: string; reason?: string };
}

/** A 409 for a stale version says so plainly: someone else changed the report meanwhile. */
function problemText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') return 'Rapporten er endret av noen andre siden du åpnet den. Last siden på nytt og prøv igjen.';
  return errorMessage(error);
}

function useRefreshReport(id: string) {
  const queryClient = useQueryClient();
  return () => Promise.all(['report', 'report-journal', 'report-versions'].map((key) => queryClient.invalidateQueries({ queryKey: [key, id] })));
}

/** Status change with a reason (journaled with who, when and why). */
export function StatusControl({ report }: { report: Report }) {
  const targets = MANUAL_TARGETS[report.status];
  const [to, setTo] = useState<ReportStatus | ''>('');
  const [reason, setReason] = useState('');
  const refresh = useRefreshReport(report.id);
  const change = useMutation({
    mutationFn: () => api<Report>(`/api/v1/reports/${encodeURIComponent(report.id)}/status`, { method: 'POST', body: { to, reason, expectedVersion: report.version } }),
    onSuccess: async () => {
      setTo('');
      setReason('');
      await refresh();
    },
  });
  if (targets.length === 0) return <BodyShort className="muted">Status «{STATUS_LABELS[report.status]}» er en sluttstatus.</BodyShort>;
  return (
    <form
      aria-label="Endre status"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate();
      }}
    >
      <VStack gap="space-12">
        <Select label="Ny status" value={to} onChange={(e) => setTo(e.target.value as ReportStatus | '')}>
          <option value="">Velg …</option>
          {targets.map((target) => (
            <option key={target} value={target}>
              {STATUS_LABELS[target]}
            </option>
          ))}
        </Select>
        <Textarea label="Begrunnelse" value={reason} onChange={(e) => setReason(e.target.value)} minRows={2} error={change.error instanceof ApiError ? change.error.fieldMessage('reason') : undefined} />
        {change.error && <Alert variant="error">{problemText(change.error)}</Alert>}
        <div>
          <Button type="submit" size="small" loading={change.isPending} disabled={!to}>
            Endre status
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** A correction of a registered journalpost: a new version, with the reason in the endringslogg. */
export function CorrectionForm({ report }: { report: Report }) {
  const [title, setTitle] = useState(report.title);
  const [body, setBody] = useState(report.body);
  const [reason, setReason] = useState('');
  const refresh = useRefreshReport(report.id);
  const correct = useMutation({
    mutationFn: () =>
      api<Report>(`/api/v1/reports/${encodeURIComponent(report.id)}`, {
        method: 'PATCH',
        body: { ...(title !== report.title ? { title } : {}), ...(body !== report.body ? { body } : {}), reason, expectedVersion: report.version },
      }),
    onSuccess: async () => {
      setReason('');
      await refresh();
    },
  });
  if (!CORRECTABLE.includes(report.status) || !report.registration) return null;
  const fieldError = (field: string) => (correct.error instanceof ApiError ? correct.error.fieldMessage(field) : undefined);
  return (
    <form
      aria-label="Rett journalposten"
      onSubmit={(event) => {
        event.preventDefault();
        correct.mutate();
      }}
    >
      <VStack gap="space-12">
        <TextField label="Tittel" value={title} onChange={(e) => setTitle(e.target.value)} error={fieldError('title')} />
        <Textarea label="Tekst" value={body} onChange={(e) => setBody(e.target.value)} minRows={4} error={fieldError('body')} />
        <Textarea label="Begrunnelse for rettelsen" value={reason} onChange={(e) => setReason(e.target.value)} minRows={2} error={fieldError('reason')} />
        {correct.error && <Alert variant="error">{problemText(correct.error)}</Alert>}
        <div>
          <Button type="submit" size="small" loading={correct.isPending} disabled={title === report.title && body === report.body}>
            Lagre rettelse
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/** Every stored version the user may read; an earlier one opens read only. */
export function VersionHistory({ reportId }: { reportId: string }) {
  const versions = useQuery({ queryKey: ['report-versions', reportId], queryFn: ({ signal }) => api<VersionEntry[]>(`/api/v1/reports/${encodeURIComponent(reportId)}/versions`, { signal }) });
  const [shown, setShown] = useState<number | undefined>();
  const old = useQuery({
    queryKey: ['report-version', reportId, shown],
    queryFn: ({ signal }) => api<Report>(`/api/v1/reports/${encodeURIComponent(reportId)}/versions/${shown ?? 0}`, { signal }),
    enabled: shown !== undefined,
  });
  if (versions.error) return <BodyShort>{errorMessage(versions.error)}</BodyShort>;
  const rows = versions.data ?? [];
  return (
    <VStack gap="space-12">
      <div className="table-scroll">
        <Table size="small" aria-label="Versjoner">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Versjon</Table.HeaderCell>
              <Table.HeaderCell scope="col">Tid</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
              <Table.HeaderCell scope="col">Tittel</Table.HeaderCell>
              <Table.HeaderCell scope="col">Endring</Table.HeaderCell>
              <Table.HeaderCell scope="col">
                <span className="sr-only">Handling</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((v, i) => (
              <Table.Row key={v.version}>
                <Table.DataCell>{v.version}</Table.DataCell>
                <Table.DataCell className="nowrap">{formatDateTime(v.updatedAt)}</Table.DataCell>
                <Table.DataCell>{STATUS_LABELS[v.status]}</Table.DataCell>
                <Table.DataCell>{v.title}</Table.DataCell>
                <Table.DataCell className="log-details">{v.change ? `${v.change.action} av ${v.change.actor}${v.change.reason ? ` – ${v.change.reason}` : ''}` : '–'}</Table.DataCell>
                <Table.DataCell>
                  {i < rows.length - 1 && (
                    <Button size="xsmall" variant="tertiary" onClick={() => setShown(v.version)}>
                      Vis versjon {v.version}
                    </Button>
                  )}
                </Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {shown !== undefined && (
        <Box background="neutral-soft" padding="space-16" borderRadius="8" aria-label={`Versjon ${shown}`}>
          {old.error ? (
            <BodyShort>{errorMessage(old.error)}</BodyShort>
          ) : old.data ? (
            <VStack gap="space-8">
              <Heading level="3" size="xsmall">
                Versjon {shown}: {old.data.title}
              </Heading>
              <BodyShort className="report-body">{old.data.body}</BodyShort>
            </VStack>
          ) : null}
        </Box>
      )}
    </VStack>
  );
}
