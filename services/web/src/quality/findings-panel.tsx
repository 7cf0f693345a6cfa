import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, Loader, Pagination, Select, Table, Tag, VStack } from '@navikt/ds-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { downloadFile } from '../api/download';
import { DQ_DIMENSIONS, DQ_SEVERITIES, type DqDimension, type DqFindingPage, type DqSeverity } from '../api/types';
import { formatCount, formatDateTime } from '../common/format';
import { DIMENSION_LABELS, SEVERITY_LABELS } from './quality-labels';

const PAGE_SIZE = 20;
/** The API's largest page: a CSV holds at most this many findings. */
const CSV_LIMIT = 10_000;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | '' {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : '';
}

/**
 * Findings of the latest run, filtered by rule, severity and dimension (kept in the address, so a
 * filtered list can be linked to and the back button works), paged, with a CSV of the same filters.
 */
export function FindingsPanel({ ruleIds }: { ruleIds: string[] }) {
  const [params, setParams] = useSearchParams();
  const ruleId = params.get('regel') ?? '';
  const severity = oneOf<DqSeverity>(DQ_SEVERITIES, params.get('alvorlighet'));
  const dimension = oneOf<DqDimension>(DQ_DIMENSIONS, params.get('dimensjon'));
  const page = Math.max(1, Number.parseInt(params.get('side') ?? '1', 10) || 1);
  const filters = { ruleId, severity, dimension };

  const findings = useQuery({
    queryKey: ['quality', 'findings', filters, page],
    queryFn: ({ signal }) => api<DqFindingPage>('/api/v1/quality/findings', { query: { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({
    mutationFn: () => {
      const query = new URLSearchParams({ format: 'csv', limit: String(CSV_LIMIT) });
      for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
      return downloadFile(`/api/v1/quality/findings?${query.toString()}`, 'datakvalitet-funn.csv');
    },
  });

  function setFilter(name: 'regel' | 'alvorlighet' | 'dimensjon', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    // Another filter is another list: start from its first page.
    next.delete('side');
    setParams(next);
  }

  function setPage(next: number) {
    const query = new URLSearchParams(params);
    query.set('side', String(next));
    setParams(query);
  }

  // A rule linked to from elsewhere stays selectable even if the latest run does not list it.
  const rules = ruleId && !ruleIds.includes(ruleId) ? [...ruleIds, ruleId] : ruleIds;
  const data = findings.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <VStack gap="space-16">
      <HStack gap="space-16" align="end" wrap role="group" aria-label="Filtrer funn">
        <Select label="Regel" size="small" value={ruleId} onChange={(e) => setFilter('regel', e.target.value)}>
          <option value="">Alle regler</option>
          {rules.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </Select>
        <Select label="Alvorlighet" size="small" value={severity} onChange={(e) => setFilter('alvorlighet', e.target.value)}>
          <option value="">Alle</option>
          {DQ_SEVERITIES.map((value) => (
            <option key={value} value={value}>
              {SEVERITY_LABELS[value]}
            </option>
          ))}
        </Select>
        <Select label="Dimensjon" size="small" value={dimension} onChange={(e) => setFilter('dimensjon', e.target.value)}>
          <option value="">Alle</option>
          {DQ_DIMENSIONS.map((value) => (
            <option key={value} value={value}>
              {DIMENSION_LABELS[value]}
            </option>
          ))}
        </Select>
        <Button size="small" variant="secondary" loading={download.isPending} onClick={() => download.mutate()}>
          Last ned CSV
        </Button>
      </HStack>
      {download.error && (
        <Alert variant="error" role="alert">
          {errorMessage(download.error)}
        </Alert>
      )}
      {findings.error && (
        <Alert variant="error" role="alert">
          {errorMessage(findings.error)}
        </Alert>
      )}
      {findings.isPending && <Loader title="Henter funn …" />}
      {data && (
        <VStack gap="space-12">
          <Heading level="2" size="xsmall" aria-live="polite" data-testid="funn-totalt">
            {data.total === 0 ? 'Ingen funn' : `${formatCount(data.total)} funn`}
          </Heading>
          {data.total === 0 && <BodyShort className="muted">Ingen funn med disse filtrene i siste kjøring.</BodyShort>}
          {data.total > CSV_LIMIT && <BodyShort className="muted">CSV-filen tar med de første {formatCount(CSV_LIMIT)} funnene; snevre inn med filtrene for å få resten.</BodyShort>}
          {data.items.length > 0 && (
            <div className="table-scroll">
              <Table size="small" data-testid="funn-tabell">
                <caption className="sr-only">Datakvalitetsfunn</caption>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell scope="col">Journalpost</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Regel</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Dimensjon</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Alvorlighet</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Funn</Table.HeaderCell>
                    <Table.HeaderCell scope="col">Kontrollert</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {data.items.map((finding) => (
                    <Table.Row key={`${finding.reportId}-${finding.ruleId}-${finding.message}`}>
                      <Table.HeaderCell scope="row" className="nowrap">
                        <AkselLink as={Link} to={`/rapport/${finding.reportId}`}>
                          {finding.journalNumber ?? `Rapport ${finding.reportId.slice(0, 8)}`}
                        </AkselLink>
                      </Table.HeaderCell>
                      <Table.DataCell className="mono">{finding.ruleId}</Table.DataCell>
                      <Table.DataCell>{DIMENSION_LABELS[finding.dimension]}</Table.DataCell>
                      <Table.DataCell>
                        <Tag size="xsmall" variant="moderate" data-color={finding.severity === 'blocking' ? 'danger' : 'warning'}>
                          {SEVERITY_LABELS[finding.severity]}
                        </Tag>
                      </Table.DataCell>
                      <Table.DataCell className="finding-message">{finding.message}</Table.DataCell>
                      <Table.DataCell className="nowrap">{formatDateTime(finding.evaluatedAt)}</Table.DataCell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          {pages > 1 && <Pagination page={Math.min(page, pages)} count={pages} size="small" onPageChange={setPage} srHeading={{ tag: 'h3', text: 'Sider med funn' }} />}
        </VStack>
      )}
    </VStack>
  );
}
