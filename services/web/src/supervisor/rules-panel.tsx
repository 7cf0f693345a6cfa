import { Alert, BodyShort, Button, Loader, Table, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import type { RuleOverrideReport, RuleSetStatus } from '../api/types';
import { formatCount, formatLogTime } from '../common/format';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="fact-label">{label}</dt>
      <dd className="fact-value">{value}</dd>
    </div>
  );
}

const percent = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 0 });

/**
 * The assessment rule set in force (version, file, when it was read) and a reload button. An
 * invalid file is refused by the API with file, line and reason, shown here; the running rule set
 * stays in force.
 */
export function RuleSetPanel() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['rule-set'], queryFn: ({ signal }) => api<RuleSetStatus>('/api/v1/rule-set', { signal }) });
  const reload = useMutation({
    mutationFn: () => api<RuleSetStatus>('/api/v1/rule-set/reload', { method: 'POST' }),
    onSuccess: (loaded) => queryClient.setQueryData(['rule-set'], loaded),
  });
  if (status.isPending) return <Loader title="Henter regelsettet …" />;
  if (status.error) return <Alert variant="error">{errorMessage(status.error)}</Alert>;
  const ruleSet = status.data;
  return (
    <VStack gap="space-8">
      <dl className="facts" data-testid="regelsett">
        <Fact label="Versjon" value={ruleSet.version} />
        <Fact label="Fil" value={ruleSet.file} />
        <Fact label="Lest inn" value={formatLogTime(ruleSet.loadedAt)} />
        <Fact label="Regler" value={formatCount(ruleSet.ruleCount)} />
      </dl>
      {reload.error && (
        <Alert variant="error" role="alert">
          {errorMessage(reload.error)}
        </Alert>
      )}
      {reload.isSuccess && !reload.error && <Alert variant="success" size="small">Regelsett {reload.data.version} er lest inn og gjelder nå.</Alert>}
      <div>
        <Button size="small" variant="secondary" loading={reload.isPending} onClick={() => reload.mutate()}>
          Last inn regelsettet på nytt
        </Button>
      </div>
    </VStack>
  );
}

/** How often coordinators overrode each rule's suggestion in the last 30 days, most overridden first. */
export function RuleOverridesTable() {
  const overrides = useQuery({
    queryKey: ['rule-overrides'],
    queryFn: ({ signal }) => api<RuleOverrideReport>('/api/v1/quality/rule-overrides', { signal }),
  });
  if (overrides.isPending) return <Loader title="Henter overstyringer …" />;
  if (overrides.error) return <Alert variant="error">{errorMessage(overrides.error)}</Alert>;
  const report = overrides.data;
  return (
    <VStack gap="space-8">
      <BodyShort className="muted">
        {formatCount(report.registered)} journalposter registrert siste 30 dager (av dem du er klarert for); {formatCount(report.overriddenReports)} med overstyrt prioritet
        eller kategori. En regel regnes som overstyrt når den ga forslaget og koordinatoren valgte noe annet.
      </BodyShort>
      {report.rules.length === 0 ? (
        <BodyShort className="muted">Ingen regler har slått til i perioden.</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table size="small" aria-label="Overstyringer per regel">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Regel</Table.HeaderCell>
                <Table.HeaderCell scope="col">Beskrivelse</Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">
                  Slått til
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">
                  Overstyrt
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" align="right">
                  Andel
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {report.rules.map((rule) => (
                <Table.Row key={rule.ruleId}>
                  <Table.DataCell className="mono">{rule.ruleId}</Table.DataCell>
                  <Table.DataCell>{rule.description ?? <span className="muted">(ikke i regelsettet lenger)</span>}</Table.DataCell>
                  <Table.DataCell align="right">{formatCount(rule.fired)}</Table.DataCell>
                  <Table.DataCell align="right">
                    {formatCount(rule.overridden)}
                    {rule.overridden > 0 && (
                      <span className="muted">
                        {' '}
                        (prioritet {rule.priorityOverridden}, kategori {rule.categoryOverridden})
                      </span>
                    )}
                  </Table.DataCell>
                  <Table.DataCell align="right">{percent.format(rule.overrideRate)}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </VStack>
  );
}
