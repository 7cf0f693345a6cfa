import { Alert, BodyShort, Button, Heading, HStack, Loader, Tabs, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { ChainVerification, LogEntry, VerifyResult } from '../api/types';
import { formatCount } from '../common/format';
import { JournalBrowser } from '../common/journal-browser';
import { LogTable } from '../common/log-table';

interface Filters {
  actor: string;
  action: string;
  subjectId: string;
  afterSeq: string;
}

const NO_FILTERS: Filters = { actor: '', action: '', subjectId: '', afterSeq: '' };

function VerificationLine({ name, result }: { name: string; result: ChainVerification }) {
  return (
    <Alert variant={result.ok ? 'success' : 'error'} size="small">
      {result.ok
        ? `${name}: intakt (${formatCount(result.entries)} oppføringer kontrollert).`
        : `${name}: BRUDD ved oppføring ${result.firstBrokenSeq ?? '?'} – ${result.reason ?? 'ukjent årsak'}.`}
    </Alert>
  );
}

function AuditLog() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const audit = useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) =>
      api<LogEntry[]>('/api/v1/audit', {
        query: { actor: filters.actor.trim(), action: filters.action.trim(), subjectId: filters.subjectId.trim(), afterSeq: filters.afterSeq.trim(), limit: 200 },
        signal,
      }),
  });
  const set = (name: keyof Filters) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: event.target.value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }
  return (
    <VStack gap="space-16">
      <form onSubmit={submit} aria-label="Filtrer revisjonsloggen">
        <HStack gap="space-16" align="end" wrap>
          <TextField label="Hvem" description="f.eks. user:siri" size="small" value={draft.actor} onChange={set('actor')} />
          <TextField label="Handling" description="f.eks. search, report.read" size="small" value={draft.action} onChange={set('action')} />
          <TextField label="Rapport-id" description="Hele id-en" size="small" value={draft.subjectId} onChange={set('subjectId')} />
          <TextField label="Etter nr." description="Sekvensnummer" size="small" inputMode="numeric" value={draft.afterSeq} onChange={set('afterSeq')} htmlSize={8} />
          <Button size="small" type="submit">
            Filtrer
          </Button>
          <Button
            size="small"
            variant="tertiary"
            type="button"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            Nullstill
          </Button>
        </HStack>
      </form>
      {audit.isPending && <Loader title="Henter revisjonsloggen …" />}
      {audit.error && <Alert variant="error">{errorMessage(audit.error)}</Alert>}
      {audit.data && (
        <>
          <BodyShort size="small" className="muted">
            Viser {audit.data.length} oppføringer (høyst 200; bruk «Etter nr.» for å bla videre).
          </BodyShort>
          <LogTable entries={audit.data} label="Revisjonslogg" />
        </>
      )}
    </VStack>
  );
}

/** The auditor's page: who read and searched what (audit log), the journal, and chain verification. */
export default function AuditPage() {
  const verify = useMutation({ mutationFn: () => api<VerifyResult>('/api/v1/journal/verify', { method: 'POST' }) });
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <Heading level="1" size="large">
          Revisjon
        </Heading>
        <section aria-labelledby="verifisering">
          <Heading level="2" size="medium" spacing id="verifisering">
            Er journalen og loggen urørt?
          </Heading>
          <BodyShort spacing>Kontrollerer hasjkjedene i journalen og revisjonsloggen fra første oppføring. Et brudd viser hvor noe er endret eller fjernet.</BodyShort>
          <VStack gap="space-8">
            <div>
              <Button onClick={() => verify.mutate()} loading={verify.isPending}>
                Verifiser journal og logg
              </Button>
            </div>
            {verify.error && <Alert variant="error">{errorMessage(verify.error)}</Alert>}
            {verify.data && (
              <div data-testid="verifisering" role="status">
                <VStack gap="space-8">
                  <VerificationLine name="Journalen" result={verify.data.journal} />
                  <VerificationLine name="Revisjonsloggen" result={verify.data.audit} />
                </VStack>
              </div>
            )}
          </VStack>
        </section>
        <Tabs defaultValue="revisjonslogg">
          <Tabs.List>
            <Tabs.Tab value="revisjonslogg" label="Revisjonslogg (lesing og søk)" />
            <Tabs.Tab value="journal" label="Journal (endringer)" />
          </Tabs.List>
          <Tabs.Panel value="revisjonslogg" className="tab-panel">
            <AuditLog />
          </Tabs.Panel>
          <Tabs.Panel value="journal" className="tab-panel">
            <JournalBrowser />
          </Tabs.Panel>
        </Tabs>
      </VStack>
    </main>
  );
}
