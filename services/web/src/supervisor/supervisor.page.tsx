import { Alert, BodyShort, Box, Button, Heading, HGrid, Loader, Table, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import { type Job, type JobCounts, JOB_STATES } from '../api/types';
import { formatCount, formatLogTime } from '../common/format';
import { JOB_STATE_LABELS } from '../common/labels';
import { JournalBrowser } from '../common/journal-browser';
import { hasRole, useUser } from '../session/session-context';
import { JobChart } from './job-chart';
import { RuleOverridesTable, RuleSetPanel } from './rules-panel';

function JobCountCards({ counts }: { counts: JobCounts }) {
  return (
    <dl className="count-cards" data-testid="jobbtall">
      {JOB_STATES.map((state) => (
        <Box key={state} background={state === 'dead' && (counts.dead ?? 0) > 0 ? 'danger-soft' : 'default'} padding="space-12" borderRadius="8" className="count-card">
          <dt>{JOB_STATE_LABELS[state]}</dt>
          <dd data-state={state}>{formatCount(counts[state] ?? 0)}</dd>
        </Box>
      ))}
    </dl>
  );
}

function DeadJobs() {
  const queryClient = useQueryClient();
  const dead = useQuery({ queryKey: ['jobs', 'dead'], queryFn: ({ signal }) => api<Job[]>('/api/v1/jobs', { query: { state: 'dead', limit: 100 }, signal }), refetchInterval: 10_000 });
  const replay = useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/jobs/${encodeURIComponent(id)}/replay`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
  if (dead.isPending) return <Loader title="Henter døde jobber …" />;
  if (dead.error) return <Alert variant="error">{errorMessage(dead.error)}</Alert>;
  if (dead.data.length === 0) return <BodyShort className="muted">Ingen døde jobber. Alt som er mottatt, er behandlet eller i kø.</BodyShort>;
  return (
    <VStack gap="space-8">
      {replay.error && <Alert variant="error">{errorMessage(replay.error)}</Alert>}
      <div className="table-scroll">
        <Table size="small" aria-label="Døde jobber">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Jobb</Table.HeaderCell>
              <Table.HeaderCell scope="col">Rapport</Table.HeaderCell>
              <Table.HeaderCell scope="col">Forsøk</Table.HeaderCell>
              <Table.HeaderCell scope="col">Siste feil</Table.HeaderCell>
              <Table.HeaderCell scope="col">Sist endret</Table.HeaderCell>
              <Table.HeaderCell scope="col">
                <span className="sr-only">Handling</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {dead.data.map((job) => (
              <Table.Row key={job.id}>
                <Table.DataCell>{job.name}</Table.DataCell>
                <Table.DataCell className="mono">{typeof job.payload.reportId === 'string' ? job.payload.reportId.slice(0, 8) : '–'}</Table.DataCell>
                <Table.DataCell>
                  {job.attempt} av {job.maxAttempts}
                </Table.DataCell>
                <Table.DataCell className="log-details">{job.lastError ?? '–'}</Table.DataCell>
                <Table.DataCell className="nowrap">{formatLogTime(job.updatedAt)}</Table.DataCell>
                <Table.DataCell>
                  <Button size="xsmall" variant="secondary" loading={replay.isPending && replay.variables === job.id} onClick={() => replay.mutate(job.id)}>
                    Kjør på nytt
                  </Button>
                </Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </VStack>
  );
}

/** The supervisor's page: the job queue (counts, dead letters with replay), the rule set and its override rates, and the journal. */
export default function SupervisorPage() {
  const user = useUser();
  const counts = useQuery({ queryKey: ['jobs', 'counts'], queryFn: ({ signal }) => api<JobCounts>('/api/v1/jobs/counts', { signal }), refetchInterval: 5_000 });
  return (
    <main id="innhold" className="page">
      <VStack gap="space-32">
        <Heading level="1" size="large">
          Drift og journal
        </Heading>
        <section aria-labelledby="jobbko">
          <Heading level="2" size="medium" spacing id="jobbko">
            Jobbkø
          </Heading>
          {counts.error && <Alert variant="error">{errorMessage(counts.error)}</Alert>}
          {counts.isPending && <Loader title="Henter jobbtall …" />}
          {counts.data && (
            <HGrid columns={{ xs: 1, md: '1fr 2fr' }} gap="space-24" align="center">
              <JobCountCards counts={counts.data} />
              <JobChart counts={counts.data} />
            </HGrid>
          )}
        </section>
        <section aria-labelledby="dode-jobber">
          <Heading level="2" size="medium" spacing id="dode-jobber">
            Døde jobber
          </Heading>
          <DeadJobs />
        </section>
        {hasRole(user, 'fagansvarlig', 'admin') && (
          <section aria-labelledby="regelsett-tittel">
            <Heading level="2" size="medium" spacing id="regelsett-tittel">
              Regelsett for førstehåndsvurdering
            </Heading>
            <RuleSetPanel />
          </section>
        )}
        {hasRole(user, 'fagansvarlig') && (
          <section aria-labelledby="overstyringer">
            <Heading level="2" size="medium" spacing id="overstyringer">
              Overstyringer per regel
            </Heading>
            <RuleOverridesTable />
          </section>
        )}
        {hasRole(user, 'fagansvarlig') && (
          <section aria-labelledby="journal">
            <Heading level="2" size="medium" spacing id="journal">
              Journal
            </Heading>
            <BodyShort className="muted spaced">Alle tilstandsendringer i rekkefølge, hasjkjedet.</BodyShort>
            <JournalBrowser />
          </section>
        )}
      </VStack>
    </main>
  );
}
