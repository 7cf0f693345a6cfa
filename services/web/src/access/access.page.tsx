import { Alert, Box, Button, Heading, HStack, Loader, Table, Tag, TextField, Textarea, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import { formatDateTime } from '../common/format';
import { hasRole, useSession } from '../session/session-context';
import { APPROVAL_KIND_LABELS, APPROVAL_STATUS_LABELS, type ApprovalRequest, type BreakGlassUse } from './access-types';

const STATUS_COLOR: Record<ApprovalRequest['status'], 'warning' | 'success' | 'neutral'> = { venter: 'warning', godkjent: 'success', avslatt: 'neutral' };

function RequestAccessForm() {
  const queryClient = useQueryClient();
  const [reportId, setReportId] = useState('');
  const [reason, setReason] = useState('');
  const request = useMutation({
    mutationFn: () => api<ApprovalRequest>('/api/v1/approvals', { method: 'POST', body: { reportId: reportId.trim(), reason } }),
    onSuccess: () => {
      setReportId('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
  const errorFor = (field: string) => (request.error instanceof ApiError ? request.error.errors.find((e) => e.field === `body.${field}`)?.message : undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <Box background="default" padding="space-20" borderRadius="8" className="card">
      <form onSubmit={onSubmit} aria-labelledby="ny-forespørsel">
        <Heading level="2" size="small" spacing id="ny-forespørsel">
          Be om tilgang til en rapport
        </Heading>
        <VStack gap="space-12">
          <TextField label="Rapport-id" value={reportId} onChange={(e) => setReportId(e.target.value)} error={errorFor('reportId')} description="Id-en fra lenken til rapporten" />
          <Textarea label="Begrunnelse (tjenstlig behov)" value={reason} onChange={(e) => setReason(e.target.value)} minRows={2} error={errorFor('reason')} />
          <div>
            <Button type="submit" size="small" loading={request.isPending}>
              Send forespørsel
            </Button>
          </div>
          {request.isSuccess && <Alert variant="success" size="small">Forespørselen er sendt til fagansvarlig.</Alert>}
          {request.error && !errorFor('reason') && !errorFor('reportId') && <Alert variant="error" size="small">{errorMessage(request.error)}</Alert>}
        </VStack>
      </form>
    </Box>
  );
}

function ApprovalTable({ requests, canDecide, me }: { requests: ApprovalRequest[]; canDecide: boolean; me: string }) {
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) => api(`/api/v1/approvals/${id}/decision`, { method: 'POST', body: { approve } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['approvals'] }),
  });
  if (requests.length === 0) return <p>Ingen forespørsler.</p>;
  return (
    <>
      {decide.error && <Alert variant="error" size="small">{errorMessage(decide.error)}</Alert>}
      <div className="table-scroll">
        <Table size="small" zebraStripes aria-label="Forespørsler">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Når</Table.HeaderCell>
              <Table.HeaderCell scope="col">Type</Table.HeaderCell>
              <Table.HeaderCell scope="col">Rapport</Table.HeaderCell>
              <Table.HeaderCell scope="col">Fra</Table.HeaderCell>
              <Table.HeaderCell scope="col">Begrunnelse</Table.HeaderCell>
              <Table.HeaderCell scope="col">Status</Table.HeaderCell>
              {canDecide && <Table.HeaderCell scope="col">Avgjør</Table.HeaderCell>}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {requests.map((request) => (
              <Table.Row key={request.id}>
                <Table.DataCell>{formatDateTime(request.requestedAt)}</Table.DataCell>
                <Table.DataCell>
                  {APPROVAL_KIND_LABELS[request.kind]}
                  {request.change ? ` → ${request.change.gradering}${request.change.compartments.length ? ` (${request.change.compartments.join(', ')})` : ''}` : ''}
                </Table.DataCell>
                <Table.DataCell className="mono">
                  <Link to={`/rapport/${request.reportId}`}>{request.reportId.slice(0, 8)}</Link>
                </Table.DataCell>
                <Table.DataCell>{request.requestedBy}</Table.DataCell>
                <Table.DataCell>{request.reason}</Table.DataCell>
                <Table.DataCell>
                  <Tag size="xsmall" variant="moderate" data-color={STATUS_COLOR[request.status]}>
                    {APPROVAL_STATUS_LABELS[request.status]}
                  </Tag>
                  {request.expiresAt && <div className="muted">til {formatDateTime(request.expiresAt)}</div>}
                  {request.decidedBy && <div className="muted">av {request.decidedBy}</div>}
                </Table.DataCell>
                {canDecide && (
                  <Table.DataCell>
                    {request.status === 'venter' && request.requestedBy !== me ? (
                      <HStack gap="space-8" wrap={false}>
                        <Button size="xsmall" onClick={() => decide.mutate({ id: request.id, approve: true })} loading={decide.isPending}>
                          Godkjenn
                        </Button>
                        <Button size="xsmall" variant="secondary" onClick={() => decide.mutate({ id: request.id, approve: false })}>
                          Avslå
                        </Button>
                      </HStack>
                    ) : request.status === 'venter' ? (
                      <span className="muted">Egen forespørsel: en annen må avgjøre</span>
                    ) : null}
                  </Table.DataCell>
                )}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </>
  );
}

function BreakGlassTable() {
  const uses = useQuery({ queryKey: ['break-glass'], queryFn: ({ signal }) => api<BreakGlassUse[]>('/api/v1/break-glass', { signal }) });
  if (uses.isPending) return <Loader title="Henter …" />;
  if (uses.error) return <Alert variant="error" size="small">{errorMessage(uses.error)}</Alert>;
  if (uses.data.length === 0) return <p>Ingen bruk av nødtilgang.</p>;
  return (
    <div className="table-scroll">
      <Table size="small" zebraStripes aria-label="Bruk av nødtilgang">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Når</Table.HeaderCell>
            <Table.HeaderCell scope="col">Hvem</Table.HeaderCell>
            <Table.HeaderCell scope="col">Rapport</Table.HeaderCell>
            <Table.HeaderCell scope="col">Begrunnelse</Table.HeaderCell>
            <Table.HeaderCell scope="col">Utfall</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {uses.data.map((use) => (
            <Table.Row key={use.seq}>
              <Table.DataCell>{formatDateTime(use.at)}</Table.DataCell>
              <Table.DataCell>{use.actor.replace(/^user:/, '')}</Table.DataCell>
              <Table.DataCell className="mono">{use.reportId?.slice(0, 8) ?? '–'}</Table.DataCell>
              <Table.DataCell>{use.reason}</Table.DataCell>
              <Table.DataCell>
                {use.outcome === 'shown' ? (use.neededGlass ? 'Åpnet (utenfor tilgang)' : 'Åpnet (hadde tilgang)') : 'Ikke funnet / over klarering'}
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/** Need-to-know requests: ask for access; supervisors decide (four eyes) and review break-glass. */
export default function AccessPage() {
  const { session } = useSession();
  const supervisor = session ? hasRole(session.user, 'fagansvarlig') : false;
  const approvals = useQuery({ queryKey: ['approvals'], queryFn: ({ signal }) => api<ApprovalRequest[]>('/api/v1/approvals', { signal }) });
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <Heading level="1" size="large">
          Tilgang
        </Heading>
        <RequestAccessForm />
        <section aria-labelledby="forespørsler">
          <Heading level="2" size="medium" spacing id="forespørsler">
            {supervisor ? 'Forespørsler (fire øyne)' : 'Mine forespørsler'}
          </Heading>
          {approvals.isPending ? (
            <Loader title="Henter forespørsler …" />
          ) : approvals.error ? (
            <Alert variant="error">{errorMessage(approvals.error)}</Alert>
          ) : (
            <ApprovalTable requests={approvals.data} canDecide={supervisor} me={session?.user.username ?? ''} />
          )}
        </section>
        {supervisor && (
          <section aria-labelledby="nodtilgang-bruk">
            <Heading level="2" size="medium" spacing id="nodtilgang-bruk">
              Bruk av nødtilgang
            </Heading>
            <BreakGlassTable />
          </section>
        )}
      </VStack>
    </main>
  );
}
