import { Alert, BodyShort, Button, FileUpload, Heading, Loader, Table, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../api/client';
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
      <RuleSetUpload />
    </VStack>
  );
}

interface RuleSetProblem {
  line?: number | null;
  reason: string;
}

/** The problems of a refused rule set, from the API's problem document (422 RULESET_INVALID). */
function ruleSetProblems(error: unknown): RuleSetProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'RULESET_INVALID') return [];
  const problems = error.problem['problems'];
  return Array.isArray(problems) ? (problems as RuleSetProblem[]) : [];
}

/**
 * Upload of a new rule set (a YAML file): validated by the API first — refused with every problem,
 * line by line, and nothing changed — then written to the rule-set file and in force at once.
 */
function RuleSetUpload() {
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState<string | undefined>();
  const upload = useMutation({
    mutationFn: (yaml: string) => api<RuleSetStatus>('/api/v1/rule-set', { method: 'PUT', body: { yaml } }),
    onSuccess: (loaded) => queryClient.setQueryData(['rule-set'], loaded),
  });
  const problems = ruleSetProblems(upload.error);
  return (
    <VStack gap="space-8" className="spaced-top">
      <Heading level="3" size="small">
        Last opp nytt regelsett
      </Heading>
      <BodyShort size="small" className="muted">
        En YAML-fil i samme format som regelsettfilen. Den kontrolleres før noe endres; et gyldig regelsett gjelder straks, også i de andre prosessene (de følger filen).
      </BodyShort>
      <div>
        <FileUpload.Trigger
          accept=".yaml,.yml,.json"
          multiple={false}
          onSelect={(files) => {
            const chosen = files[0]?.file;
            if (!chosen) return;
            setFileName(chosen.name);
            void chosen.text().then((text) => upload.mutate(text));
          }}
        >
          <Button size="small" variant="secondary" loading={upload.isPending} data-testid="regelsett-last-opp">
            Velg regelsettfil …
          </Button>
        </FileUpload.Trigger>
      </div>
      {upload.isSuccess && (
        <Alert variant="success" size="small" role="status">
          {fileName ?? 'Filen'} er kontrollert og lagret: regelsett {upload.data.version} gjelder nå ({formatCount(upload.data.ruleCount)} regler).
        </Alert>
      )}
      {upload.error && (
        <Alert variant="error" role="alert" data-testid="regelsett-feil">
          <BodyShort>{errorMessage(upload.error)}</BodyShort>
          {problems.length > 0 && (
            <ul className="rule-problems">
              {problems.map((problem, i) => (
                <li key={i}>
                  {problem.line ? <strong>Linje {problem.line}:</strong> : <strong>Hele filen:</strong>} {problem.reason}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
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
