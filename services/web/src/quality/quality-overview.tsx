import { Alert, BodyShort, Box, Heading, HGrid, Link as AkselLink, Loader, Table, Tag, VStack } from '@navikt/ds-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import type { ApprovalRequest } from '../access/access-types';
import type { DqRuleScore, DqRun } from '../api/types';
import { formatCount } from '../common/format';
import { GroupScoreTable, ScoreBarChart, WeekTrendChart } from './quality-charts';
import { DIMENSION_LABELS, formatScore, SEVERITY_LABELS } from './quality-labels';
import { useSlaBreaches, type SlaFilters } from './sla-panel';

/** The largest number of waiting approvals counted; more than this shows as "500+". */
const APPROVALS_COUNTED = 500;

function Card({ label, value, testId, danger, children }: { label: string; value: string; testId?: string; danger?: boolean; children?: ReactNode }) {
  return (
    <Box background={danger ? 'danger-soft' : 'default'} padding="space-12" borderRadius="8" className="count-card">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      {children && <dd className="count-card-link">{children}</dd>}
    </Box>
  );
}

/** Approvals waiting for a supervisor (GET /api/v1/approvals?status=venter), decided on /tilgang. */
function ApprovalsCard() {
  const waiting = useQuery({
    queryKey: ['approvals', 'venter'],
    queryFn: ({ signal }) => api<ApprovalRequest[]>('/api/v1/approvals', { query: { status: 'venter', limit: APPROVALS_COUNTED }, signal }),
  });
  const count = waiting.data?.length;
  const value = count === undefined ? (waiting.error ? '–' : '…') : count >= APPROVALS_COUNTED ? `${APPROVALS_COUNTED}+` : formatCount(count);
  return (
    <Card label="Godkjenninger venter" value={value} testId="godkjenninger-venter" danger={(count ?? 0) > 0}>
      <AkselLink as={Link} to="/tilgang">
        Til godkjenning
      </AkselLink>
    </Card>
  );
}

function SlaCard({ filters }: { filters: SlaFilters }) {
  const breaches = useSlaBreaches(filters);
  const value = breaches.data ? formatCount(breaches.data.total) : breaches.error ? '–' : '…';
  return (
    <Card label="Fristbrudd siste 7 dager" value={value} testId="fristbrudd-antall" danger={(breaches.data?.total ?? 0) > 0}>
      <AkselLink as={Link} to="?fane=tidsfrister">
        Se tidsfrister
      </AkselLink>
    </Card>
  );
}

function RuleTable({ rules }: { rules: DqRuleScore[] }) {
  return (
    <div className="table-scroll">
      <Table size="small" data-testid="poengsum-per-regel">
        <caption className="sr-only">Poengsum per regel</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Regel</Table.HeaderCell>
            <Table.HeaderCell scope="col">Dimensjon</Table.HeaderCell>
            <Table.HeaderCell scope="col">Alvorlighet</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Gjelder
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Bestått
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Brudd
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Poengsum
            </Table.HeaderCell>
            <Table.HeaderCell scope="col">
              <span className="sr-only">Funn</span>
            </Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rules.map((rule) => (
            <Table.Row key={rule.ruleId}>
              <Table.HeaderCell scope="row" className="mono">
                {rule.ruleId}
              </Table.HeaderCell>
              <Table.DataCell>{DIMENSION_LABELS[rule.dimension]}</Table.DataCell>
              <Table.DataCell>
                <Tag size="xsmall" variant="moderate" data-color={rule.severity === 'blocking' ? 'danger' : 'warning'}>
                  {SEVERITY_LABELS[rule.severity]}
                </Tag>
              </Table.DataCell>
              <Table.DataCell align="right">{formatCount(rule.applicable)}</Table.DataCell>
              <Table.DataCell align="right">{formatCount(rule.passed)}</Table.DataCell>
              <Table.DataCell align="right">{formatCount(rule.failed)}</Table.DataCell>
              <Table.DataCell align="right">
                {rule.applicable === 0 ? (
                  <>
                    <span aria-hidden>–</span>
                    <span className="sr-only">gjaldt ingen journalposter</span>
                  </>
                ) : (
                  formatScore(rule.score)
                )}
              </Table.DataCell>
              <Table.DataCell>
                {rule.failed > 0 && (
                  <AkselLink as={Link} to={`?fane=funn&regel=${encodeURIComponent(rule.ruleId)}`}>
                    Se funn<span className="sr-only"> for {rule.ruleId}</span>
                  </AkselLink>
                )}
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/**
 * The latest run at a glance: score cards (with SLA breaches and approvals waiting), then charts
 * per rule, ISO week, category and coordinator, each followed by the same numbers as a table.
 */
export function QualityOverview({ run, pending, error, slaFilters }: { run: DqRun | null | undefined; pending: boolean; error: unknown; slaFilters: SlaFilters }) {
  const summary = run?.summary;
  const blocking = summary?.byCategory.reduce((sum, group) => sum + group.blockingFindings, 0) ?? 0;
  const warnings = summary?.byCategory.reduce((sum, group) => sum + group.warningFindings, 0) ?? 0;
  return (
    <VStack gap="space-32">
      {error ? <Alert variant="error">{errorMessage(error)}</Alert> : null}
      {pending && <Loader title="Henter siste kjøring …" />}
      <dl className="count-cards quality-cards" data-testid="datakvalitet-tall">
        {summary && (
          <>
            <Card label="Samlet poengsum" value={formatScore(summary.score)} testId="samlet-poengsum" />
            <Card label="Journalposter kontrollert" value={formatCount(summary.reports)} testId="kontrollerte-journalposter" />
            <Card label="Blokkerende funn" value={formatCount(blocking)} testId="blokkerende-funn" danger={blocking > 0} />
            <Card label="Advarsler" value={formatCount(warnings)} testId="advarsler" />
          </>
        )}
        <SlaCard filters={slaFilters} />
        <ApprovalsCard />
      </dl>
      {run === null && (
        <Alert variant="info">
          Datakvalitetskontrollen er ikke kjørt ennå. Velg «Kjør kontrollen nå» for å regne ut poengsummer og funn for journalpostene du har tilgang til.
        </Alert>
      )}
      {summary && (
        <>
          <section aria-labelledby="per-regel">
            <Heading level="2" size="small" spacing id="per-regel">
              Poengsum per regel
            </Heading>
            <BodyShort className="muted spaced">
              Andel av journalpostene regelen gjelder for som består den (0–100). Regler som ikke gjaldt noen journalpost, står bare i tabellen.
            </BodyShort>
            <VStack gap="space-12">
              <ScoreBarChart
                label="Poengsum per regel"
                rows={summary.byRule.filter((rule) => rule.applicable > 0).map((rule) => ({ name: rule.ruleId, score: rule.score }))}
                testId="diagram-per-regel"
              />
              <RuleTable rules={summary.byRule} />
            </VStack>
          </section>
          <section aria-labelledby="per-uke">
            <Heading level="2" size="small" spacing id="per-uke">
              Utvikling per uke
            </Heading>
            <BodyShort className="muted spaced">Gjennomsnittlig poengsum for journalpostene registrert hver ISO-uke, slik siste kjøring vurderte dem.</BodyShort>
            <VStack gap="space-12">
              <WeekTrendChart weeks={summary.byWeek} />
              <GroupScoreTable caption="Poengsum per uke" keyHeader="Uke" groups={summary.byWeek} testId="poengsum-per-uke" />
            </VStack>
          </section>
          <HGrid columns={{ xs: 1, lg: 2 }} gap="space-32">
            <section aria-labelledby="per-kategori">
              <Heading level="2" size="small" spacing id="per-kategori">
                Poengsum per kategori
              </Heading>
              <VStack gap="space-12">
                <ScoreBarChart label="Poengsum per kategori" rows={summary.byCategory.map((group) => ({ name: group.key, score: group.score }))} testId="diagram-per-kategori" />
                <GroupScoreTable caption="Poengsum per kategori" keyHeader="Kategori" groups={summary.byCategory} testId="poengsum-per-kategori" />
              </VStack>
            </section>
            <section aria-labelledby="per-koordinator">
              <Heading level="2" size="small" spacing id="per-koordinator">
                Poengsum per koordinator
              </Heading>
              <VStack gap="space-12">
                <ScoreBarChart label="Poengsum per koordinator" rows={summary.byCoordinator.map((group) => ({ name: group.key, score: group.score }))} testId="diagram-per-koordinator" />
                <GroupScoreTable caption="Poengsum per koordinator" keyHeader="Koordinator" groups={summary.byCoordinator} testId="poengsum-per-koordinator" />
              </VStack>
            </section>
          </HGrid>
        </>
      )}
    </VStack>
  );
}
