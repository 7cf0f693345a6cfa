import { Alert, BodyShort, Box, Button, Heading, HGrid, Textarea } from '@navikt/ds-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, errorMessage } from '../api/client';
import type { Report } from '../api/types';
import type { ApprovalRequest } from './access-types';

/**
 * Shown where a report is missing or hidden: ask a supervisor for time-limited access, or break
 * the glass with a reason (flagged and reported to supervisors). The page never says which of
 * "missing" and "hidden" it is; both forms work the same for either.
 */
export function AccessRequestPanel({ reportId }: { reportId: string }) {
  const queryClient = useQueryClient();
  const [grantReason, setGrantReason] = useState('');
  const [glassReason, setGlassReason] = useState('');
  const grant = useMutation({
    mutationFn: () => api<ApprovalRequest>('/api/v1/approvals', { method: 'POST', body: { reportId, reason: grantReason } }),
  });
  const glass = useMutation({
    mutationFn: () => api<Report>(`/api/v1/reports/${reportId}/break-glass`, { method: 'POST', body: { reason: glassReason } }),
    onSuccess: (report) => queryClient.setQueryData(['report', reportId], report),
  });
  const submit = (mutate: () => void) => (event: FormEvent) => {
    event.preventDefault();
    mutate();
  };
  const fieldError = (error: unknown) => (error instanceof ApiError ? error.errors.find((e) => e.field.endsWith('reason'))?.message : undefined);
  return (
    <HGrid columns={{ xs: 1, md: 2 }} gap="space-24">
      <Box background="default" padding="space-20" borderRadius="8" className="card">
        <form onSubmit={submit(() => grant.mutate())} aria-labelledby="be-om-tilgang">
          <Heading level="2" size="small" spacing id="be-om-tilgang">
            Be om tilgang
          </Heading>
          <BodyShort spacing>En fagansvarlig vurderer forespørselen. Tilgangen er tidsbegrenset og logges.</BodyShort>
          <Textarea label="Begrunnelse (tjenstlig behov)" value={grantReason} onChange={(e) => setGrantReason(e.target.value)} minRows={2} error={fieldError(grant.error)} />
          <Button type="submit" size="small" loading={grant.isPending} className="form-button">
            Send forespørsel
          </Button>
          {grant.isSuccess && <Alert variant="success" size="small">Forespørselen er sendt. Du finner den under «Tilgang».</Alert>}
          {grant.error && !fieldError(grant.error) && <Alert variant="error" size="small">{errorMessage(grant.error)}</Alert>}
        </form>
      </Box>
      <Box background="default" padding="space-20" borderRadius="8" className="card">
        <form onSubmit={submit(() => glass.mutate())} aria-labelledby="nodtilgang">
          <Heading level="2" size="small" spacing id="nodtilgang">
            Nødtilgang
          </Heading>
          <BodyShort spacing>Bare ved akutt behov. Bruken flagges og varsles fagansvarlig, og gjelder aldri over din klarering.</BodyShort>
          <Textarea label="Begrunnelse for nødtilgang" value={glassReason} onChange={(e) => setGlassReason(e.target.value)} minRows={2} error={fieldError(glass.error)} />
          <Button type="submit" size="small" variant="danger" loading={glass.isPending} className="form-button">
            Bruk nødtilgang
          </Button>
          {glass.error && !fieldError(glass.error) && (
            <Alert variant="warning" size="small">
              {glass.error instanceof ApiError && glass.error.status === 404 ? 'Rapporten finnes ikke, eller den er over din klarering.' : errorMessage(glass.error)}
            </Alert>
          )}
        </form>
      </Box>
    </HGrid>
  );
}
