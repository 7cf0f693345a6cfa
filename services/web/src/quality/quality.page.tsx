import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, Tabs, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, errorMessage } from '../api/client';
import type { DqRun } from '../api/types';
import { formatCount, formatDateTime } from '../common/format';
import { RuleOverridesTable } from '../supervisor/rules-panel';
import { FindingsPanel } from './findings-panel';
import { QualityOverview } from './quality-overview';
import { dayWindow, lastDays } from './quality-labels';
import { ReviewPanel } from './review-panel';
import { SlaPanel, type SlaFilters } from './sla-panel';

const TABS = [
  { value: 'oversikt', label: 'Oversikt' },
  { value: 'funn', label: 'Funn' },
  { value: 'tidsfrister', label: 'Tidsfrister' },
  { value: 'stikkprover', label: 'Stikkprøver' },
  { value: 'overstyringer', label: 'Overstyringer' },
] as const;
type Tab = (typeof TABS)[number]['value'];

const SUMMARY_KEY = ['quality', 'summary'] as const;

/** The latest run, or null when none has been run yet (the API's 404). */
async function latestRun(signal: AbortSignal): Promise<DqRun | null> {
  try {
    return await api<DqRun>('/api/v1/quality/summary', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * «Datakvalitet» for fagansvarlig: run the data-quality catalogue on demand; scores per rule,
 * category, coordinator and ISO week as charts with their numbers in tables; the findings; SLA
 * timeliness; four-eyes review samples; assessment-rule override rates; approvals waiting.
 * The tab (and the findings' filters) live in the address, so every view can be linked to.
 */
export default function QualityPage() {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((t) => t.value === params.get('fane'))?.value ?? 'oversikt';
  // Fixed for the page's life: the overview card and the SLA tab's first view share one request.
  const [slaDefaults] = useState<SlaFilters>(() => {
    const { from, to } = lastDays(7);
    return { ...dayWindow(from, to), stage: '', priority: '', ongoing: '' };
  });
  const summary = useQuery({ queryKey: SUMMARY_KEY, queryFn: ({ signal }) => latestRun(signal) });
  const run = useMutation({
    mutationFn: () => api<DqRun>('/api/v1/quality/runs', { method: 'POST' }),
    onSuccess: (done) => {
      queryClient.setQueryData(SUMMARY_KEY, done);
      void queryClient.invalidateQueries({ queryKey: ['quality', 'findings'] });
    },
  });
  const latest = summary.data;
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <HStack gap="space-16" justify="space-between" align="end" wrap>
          <div>
            <Heading level="1" size="large" spacing>
              Datakvalitet
            </Heading>
            <BodyShort className="muted" data-testid="siste-kjoring">
              {latest
                ? `Siste kjøring ${formatDateTime(latest.finishedAt)} av ${latest.startedBy}: ${formatCount(latest.summary.reports)} journalposter, katalog ${latest.catalogueVersion}. Bare journalposter du har tilgang til er med.`
                : 'Kvalitetskontroll av registrerte journalposter, tidsfrister og stikkprøver.'}
            </BodyShort>
          </div>
          <Button loading={run.isPending} onClick={() => run.mutate()}>
            Kjør kontrollen nå
          </Button>
        </HStack>
        {run.error && (
          <Alert variant="error" role="alert">
            {errorMessage(run.error)}
          </Alert>
        )}
        {run.data && (
          <Alert variant="success" size="small" role="status">
            Kontrollen er kjørt: {formatCount(run.data.summary.reports)} journalposter vurdert.
          </Alert>
        )}
        <Tabs value={tab} onChange={(value) => setParams({ fane: value })}>
          <Tabs.List>
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value} label={t.label} />
            ))}
          </Tabs.List>
          <Tabs.Panel value="oversikt" className="tab-panel">
            <QualityOverview run={latest} pending={summary.isPending} error={summary.error} slaFilters={slaDefaults} />
          </Tabs.Panel>
          <Tabs.Panel value="funn" className="tab-panel">
            <FindingsPanel ruleIds={latest?.summary.byRule.map((rule) => rule.ruleId) ?? []} />
          </Tabs.Panel>
          <Tabs.Panel value="tidsfrister" className="tab-panel">
            <SlaPanel initial={slaDefaults} />
          </Tabs.Panel>
          <Tabs.Panel value="stikkprover" className="tab-panel">
            <ReviewPanel />
          </Tabs.Panel>
          <Tabs.Panel value="overstyringer" className="tab-panel">
            <VStack gap="space-12">
              <BodyShort>
                Hvor ofte koordinatorene valgte noe annet enn vurderingsreglenes forslag. Regelsettet og journalen finner du under{' '}
                <AkselLink as={Link} to="/fagansvarlig">
                  Drift og journal
                </AkselLink>
                .
              </BodyShort>
              <RuleOverridesTable />
            </VStack>
          </Tabs.Panel>
        </Tabs>
      </VStack>
    </main>
  );
}
