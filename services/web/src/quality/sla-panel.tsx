import { Alert, BodyShort, Button, DatePicker, Heading, HStack, Link as AkselLink, Loader, Pagination, Select, Table, Tag, useRangeDatepicker, VStack } from '@navikt/ds-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { downloadFile } from '../api/download';
import { type Priority, SLA_BREACH_STAGES, type SlaBreachList, type SlaBreachStage } from '../api/types';
import { formatCount, formatDateTime } from '../common/format';
import { PRIORITIES, PRIORITY_LABELS } from '../common/labels';
import { dayWindow, formatMinutes, formatPeriod, STAGE_LABELS } from './quality-labels';

/** What the SLA list asks the API for; `from`/`to` are the API's instants. */
export interface SlaFilters {
  from: string;
  to: string;
  stage: SlaBreachStage | '';
  priority: Priority | '';
  ongoing: '' | 'true' | 'false';
}

/** Breaches fetched per view: the summary counts them, the table pages through them without asking again. */
const FETCHED = 1000;
const PAGE_SIZE = 25;

function slaQuery(filters: SlaFilters) {
  return { from: filters.from, to: filters.to, stage: filters.stage, priority: filters.priority, ongoing: filters.ongoing };
}

/** One request per filter set (each is audited), shared by the overview card and the list. */
export function useSlaBreaches(filters: SlaFilters) {
  return useQuery({
    queryKey: ['quality', 'sla-breaches', filters],
    queryFn: ({ signal }) => api<SlaBreachList>('/api/v1/quality/sla-breaches', { query: { ...slaQuery(filters), limit: FETCHED }, signal }),
    placeholderData: keepPreviousData,
  });
}

function SlaSummary({ list }: { list: SlaBreachList }) {
  const ongoing = list.items.filter((breach) => breach.doneAt === undefined).length;
  const late = list.items.length - ongoing;
  const worst = list.items.reduce((max, breach) => Math.max(max, breach.minutesLate), 0);
  const byStage = SLA_BREACH_STAGES.map((stage) => `${STAGE_LABELS[stage].toLowerCase()} ${formatCount(list.items.filter((b) => b.stage === stage).length)}`).join(', ');
  const partial = list.total > list.items.length;
  return (
    <VStack gap="space-8">
      <dl className="count-cards quality-cards" data-testid="fristbrudd-oppsummering">
        <div className="count-card quality-plain-card">
          <dt>Brudd</dt>
          <dd data-testid="fristbrudd-totalt">{formatCount(list.total)}</dd>
        </div>
        <div className="count-card quality-plain-card">
          <dt>Pågår nå</dt>
          <dd data-testid="fristbrudd-pagar">{formatCount(ongoing)}</dd>
        </div>
        <div className="count-card quality-plain-card">
          <dt>Gjort for sent</dt>
          <dd data-testid="fristbrudd-for-sent">{formatCount(late)}</dd>
        </div>
        <div className="count-card quality-plain-card">
          <dt>Lengste forsinkelse</dt>
          <dd>{list.items.length > 0 ? formatMinutes(worst) : '–'}</dd>
        </div>
      </dl>
      <BodyShort className="muted">
        Per steg: {byStage}. Målt {formatDateTime(list.asOf)}, for rapporter mottatt {formatPeriod(list.from, list.to)}.
        {partial && ` Tallene over tabellen gjelder de ${formatCount(list.items.length)} nyeste fristene; last ned CSV for alle.`}
      </BodyShort>
    </VStack>
  );
}

function BreachTable({ list, page }: { list: SlaBreachList; page: number }) {
  const rows = list.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <div className="table-scroll">
      <Table size="small" data-testid="fristbrudd-tabell">
        <caption className="sr-only">Brudd på tidsfrister, nyeste frist først</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Journalpost</Table.HeaderCell>
            <Table.HeaderCell scope="col">Prioritet</Table.HeaderCell>
            <Table.HeaderCell scope="col">Steg</Table.HeaderCell>
            <Table.HeaderCell scope="col">Mottatt</Table.HeaderCell>
            <Table.HeaderCell scope="col">Frist</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Minutter for sent
            </Table.HeaderCell>
            <Table.HeaderCell scope="col">Status</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((breach) => (
            <Table.Row key={`${breach.reportId}-${breach.stage}-${breach.ruleId}`}>
              <Table.HeaderCell scope="row">
                <AkselLink as={Link} to={`/rapport/${breach.reportId}`}>
                  {breach.journalNumber ?? 'Ikke registrert'}
                  {breach.journalNumber === undefined && <span className="sr-only"> (rapport {breach.reportId.slice(0, 8)})</span>}
                </AkselLink>
              </Table.HeaderCell>
              <Table.DataCell className="nowrap">
                {PRIORITY_LABELS[breach.priority]}
                {breach.priorityAssumed && <span className="muted"> (antatt, ikke vurdert)</span>}
              </Table.DataCell>
              <Table.DataCell>{STAGE_LABELS[breach.stage]}</Table.DataCell>
              <Table.DataCell className="nowrap">{formatDateTime(breach.receivedAt)}</Table.DataCell>
              <Table.DataCell className="nowrap">{formatDateTime(breach.deadline)}</Table.DataCell>
              <Table.DataCell align="right" className="nowrap">
                {formatCount(breach.minutesLate)} <span className="muted">({formatMinutes(breach.minutesLate)})</span>
              </Table.DataCell>
              <Table.DataCell className="nowrap">
                {breach.doneAt === undefined ? (
                  <Tag size="xsmall" variant="moderate" data-color="danger">
                    Pågår
                  </Tag>
                ) : (
                  <>Gjort {formatDateTime(breach.doneAt)}</>
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
 * SLA timeliness: missed deadlines (assessment and registration per priority) of reports received
 * in a period, with a short summary, a table and a CSV download of the same filters.
 */
export function SlaPanel({ initial }: { initial: SlaFilters }) {
  const [filters, setFilters] = useState<SlaFilters>(initial);
  const [stage, setStage] = useState(initial.stage);
  const [priority, setPriority] = useState(initial.priority);
  const [ongoing, setOngoing] = useState(initial.ongoing);
  const [rangeError, setRangeError] = useState<string>();
  const [page, setPage] = useState(1);
  const { datepickerProps, fromInputProps, toInputProps, selectedRange } = useRangeDatepicker({
    defaultSelected: { from: new Date(initial.from), to: new Date(Date.parse(initial.to) - 1) },
    toDate: new Date(),
  });
  const breaches = useSlaBreaches(filters);
  const download = useMutation({
    mutationFn: () => {
      const params = new URLSearchParams({ format: 'csv', limit: '10000' });
      for (const [name, value] of Object.entries(slaQuery(filters))) if (value) params.set(name, value);
      return downloadFile(`/api/v1/quality/sla-breaches?${params.toString()}`, 'tidsfristbrudd.csv');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!selectedRange?.from || !selectedRange.to) {
      setRangeError('Velg både fra og til (dd.mm.åååå).');
      return;
    }
    setRangeError(undefined);
    setPage(1);
    setFilters({ ...dayWindow(selectedRange.from, selectedRange.to), stage, priority, ongoing });
  }

  const list = breaches.data;
  const pages = list ? Math.max(1, Math.ceil(list.items.length / PAGE_SIZE)) : 1;
  return (
    <VStack gap="space-16">
      <form onSubmit={submit} aria-label="Filtrer brudd på tidsfrister">
        <HStack gap="space-16" align="end" wrap>
          <DatePicker {...datepickerProps}>
            <HStack gap="space-16" wrap>
              <DatePicker.Input {...fromInputProps} label="Mottatt fra og med" size="small" error={rangeError} />
              <DatePicker.Input {...toInputProps} label="Til og med" size="small" />
            </HStack>
          </DatePicker>
          <Select label="Steg" size="small" value={stage} onChange={(e) => setStage(e.target.value as SlaFilters['stage'])}>
            <option value="">Alle steg</option>
            {SLA_BREACH_STAGES.map((value) => (
              <option key={value} value={value}>
                {STAGE_LABELS[value]}
              </option>
            ))}
          </Select>
          <Select label="Prioritet" size="small" value={priority} onChange={(e) => setPriority(e.target.value as SlaFilters['priority'])}>
            <option value="">Alle prioriteter</option>
            {PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {PRIORITY_LABELS[value]}
              </option>
            ))}
          </Select>
          <Select label="Status" size="small" value={ongoing} onChange={(e) => setOngoing(e.target.value as SlaFilters['ongoing'])}>
            <option value="">Alle</option>
            <option value="true">Pågår (ikke gjort ennå)</option>
            <option value="false">Gjort for sent</option>
          </Select>
          <Button size="small" type="submit">
            Vis brudd
          </Button>
          <Button size="small" variant="secondary" type="button" loading={download.isPending} onClick={() => download.mutate()}>
            Last ned CSV
          </Button>
        </HStack>
      </form>
      {download.error && (
        <Alert variant="error" role="alert">
          {errorMessage(download.error)}
        </Alert>
      )}
      {breaches.error && (
        <Alert variant="error" role="alert">
          {errorMessage(breaches.error)}
        </Alert>
      )}
      {breaches.isPending && <Loader title="Henter brudd på tidsfrister …" />}
      {list && (
        <VStack gap="space-12" aria-live="polite">
          <SlaSummary list={list} />
          <Heading level="2" size="xsmall">
            {list.total === 0 ? 'Ingen brudd på tidsfrister i perioden' : `${formatCount(list.total)} brudd på tidsfrister`}
          </Heading>
          {list.items.length > 0 && <BreachTable list={list} page={page} />}
          {pages > 1 && <Pagination page={page} count={pages} size="small" onPageChange={setPage} srHeading={{ tag: 'h3', text: 'Sider med fristbrudd' }} />}
        </VStack>
      )}
    </VStack>
  );
}
