import { Alert, BodyShort, Box, Button, DatePicker, Heading, HStack, Link as AkselLink, Loader, ProgressBar, Select, Table, Tag, TextField, useRangeDatepicker, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, errorMessage } from '../api/client';
import { downloadFile } from '../api/download';
import type { ReviewItem, ReviewSample, ReviewSampleSummary, ReviewStratification, ReviewVerdictKind } from '../api/types';
import { formatCount, formatDateTime } from '../common/format';
import { useUser } from '../session/session-context';
import { dayWindow, formatPeriod, lastDays, STRATUM_LABELS, STRATUM_PHRASES, VERDICT_LABELS } from './quality-labels';

const SAMPLES_KEY = ['quality', 'review-samples'] as const;
const sampleKey = (id: string) => ['quality', 'review-sample', id] as const;

/** "2,5" or "10" → a number; undefined when it is not one. */
function parseDecimal(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

function DrawSampleForm({ onDrawn }: { onDrawn: (sample: ReviewSample) => void }) {
  const queryClient = useQueryClient();
  const defaults = lastDays(30);
  const { datepickerProps, fromInputProps, toInputProps, selectedRange } = useRangeDatepicker({ defaultSelected: defaults, toDate: new Date() });
  const [percentage, setPercentage] = useState('10');
  const [stratifyBy, setStratifyBy] = useState<ReviewStratification>('category');
  const [minPerStratum, setMinPerStratum] = useState('1');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const draw = useMutation({
    mutationFn: (body: { from: string; to: string; percentage: number; stratifyBy: ReviewStratification; minPerStratum: number }) =>
      api<ReviewSample>('/api/v1/quality/review-samples', { method: 'POST', body }),
    onSuccess: (sample) => {
      queryClient.setQueryData(sampleKey(sample.id), sample);
      void queryClient.invalidateQueries({ queryKey: SAMPLES_KEY });
      onDrawn(sample);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const share = parseDecimal(percentage);
    const minimum = parseDecimal(minPerStratum);
    if (!selectedRange?.from || !selectedRange.to) errors.from = 'Velg både fra og til (dd.mm.åååå).';
    if (share === undefined) errors.percentage = 'Skriv en andel i prosent, for eksempel 10 eller 2,5.';
    if (minimum === undefined || !Number.isInteger(minimum)) errors.minPerStratum = 'Skriv et helt tall, for eksempel 1.';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || !selectedRange?.from || !selectedRange.to || share === undefined || minimum === undefined) return;
    draw.mutate({ ...dayWindow(selectedRange.from, selectedRange.to), percentage: share, stratifyBy, minPerStratum: minimum });
  }

  const apiError = draw.error instanceof ApiError ? draw.error : undefined;
  const fieldError = (field: string) => localErrors[field] ?? apiError?.fieldMessage(field);
  return (
    <Box padding="space-16" borderRadius="8" className="detail-section">
      <form onSubmit={submit} aria-labelledby="trekk-stikkprove">
        <VStack gap="space-12">
          <Heading level="2" size="xsmall" id="trekk-stikkprove">
            Trekk en ny stikkprøve
          </Heading>
          <BodyShort className="muted">
            Et tilfeldig utvalg av journalpostene registrert i perioden, fra hver gruppe for seg. En annen enn den som registrerte journalposten må kontrollere den.
          </BodyShort>
          <HStack gap="space-16" align="start" wrap>
            <DatePicker {...datepickerProps}>
              <HStack gap="space-16" wrap>
                <DatePicker.Input {...fromInputProps} label="Registrert fra og med" size="small" error={fieldError('from')} />
                <DatePicker.Input {...toInputProps} label="Til og med" size="small" error={fieldError('to')} />
              </HStack>
            </DatePicker>
            <TextField label="Andel (%)" size="small" inputMode="decimal" htmlSize={6} value={percentage} onChange={(e) => setPercentage(e.target.value)} error={fieldError('percentage')} />
            <Select label="Grupper etter" size="small" value={stratifyBy} onChange={(e) => setStratifyBy(e.target.value as ReviewStratification)}>
              {(Object.keys(STRATUM_LABELS) as ReviewStratification[]).map((value) => (
                <option key={value} value={value}>
                  {STRATUM_LABELS[value]}
                </option>
              ))}
            </Select>
            <TextField
              label="Minst per gruppe"
              size="small"
              inputMode="numeric"
              htmlSize={4}
              value={minPerStratum}
              onChange={(e) => setMinPerStratum(e.target.value)}
              error={fieldError('minPerStratum')}
            />
          </HStack>
          {draw.error && !apiError?.errors.length && (
            <Alert variant="error" role="alert" size="small">
              {errorMessage(draw.error)}
            </Alert>
          )}
          <div>
            <Button size="small" type="submit" loading={draw.isPending}>
              Trekk stikkprøve
            </Button>
          </div>
        </VStack>
      </form>
    </Box>
  );
}

function SampleList({ selectedId }: { selectedId: string | undefined }) {
  const samples = useQuery({ queryKey: SAMPLES_KEY, queryFn: ({ signal }) => api<ReviewSampleSummary[]>('/api/v1/quality/review-samples', { signal }) });
  if (samples.isPending) return <Loader title="Henter stikkprøver …" />;
  if (samples.error) return <Alert variant="error">{errorMessage(samples.error)}</Alert>;
  if (samples.data.length === 0) return <BodyShort className="muted">Ingen stikkprøver er trukket ennå.</BodyShort>;
  return (
    <div className="table-scroll">
      <Table size="small" data-testid="stikkprover">
        <caption className="sr-only">Stikkprøver, nyeste først</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Trukket</Table.HeaderCell>
            <Table.HeaderCell scope="col">Registrert i perioden</Table.HeaderCell>
            <Table.HeaderCell scope="col">Utvalg</Table.HeaderCell>
            <Table.HeaderCell scope="col">Kontrollert</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Avvik
            </Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {samples.data.map((sample) => {
            const current = sample.id === selectedId;
            return (
              <Table.Row key={sample.id} selected={current}>
                <Table.HeaderCell scope="row" className="nowrap">
                  <AkselLink as={Link} to={`?fane=stikkprover&utvalg=${encodeURIComponent(sample.id)}`} aria-current={current ? 'true' : undefined}>
                    {formatDateTime(sample.drawnAt)}
                  </AkselLink>{' '}
                  <span className="muted">av {sample.drawnBy}</span>
                </Table.HeaderCell>
                <Table.DataCell className="nowrap">{formatPeriod(sample.from, sample.to)}</Table.DataCell>
                <Table.DataCell>
                  {formatCount(sample.items)} av {formatCount(sample.population)} ({String(sample.percentage).replace('.', ',')} % per {STRATUM_PHRASES[sample.stratifyBy]})
                </Table.DataCell>
                <Table.DataCell className="nowrap">
                  <HStack gap="space-8" align="center" wrap={false}>
                    <ProgressBar size="small" value={sample.decided} valueMax={Math.max(1, sample.items)} aria-label={`Kontrollert ${sample.decided} av ${sample.items}`} className="review-progress" />
                    <span>
                      {formatCount(sample.decided)} av {formatCount(sample.items)}
                    </span>
                  </HStack>
                </Table.DataCell>
                <Table.DataCell align="right">{formatCount(sample.deviations)}</Table.DataCell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

function VerdictCell({ sampleId, item, mine }: { sampleId: string; item: ReviewItem; mine: boolean }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const record = useMutation({
    mutationFn: (verdict: ReviewVerdictKind) =>
      api<ReviewItem>(`/api/v1/quality/review-samples/${encodeURIComponent(sampleId)}/items/${encodeURIComponent(item.reportId)}/verdict`, {
        method: 'POST',
        body: { verdict, comment },
      }),
    onSuccess: (decided) => {
      queryClient.setQueryData<ReviewSample>(sampleKey(sampleId), (sample) =>
        sample ? { ...sample, items: sample.items.map((i) => (i.reportId === decided.reportId ? decided : i)) } : sample,
      );
      void queryClient.invalidateQueries({ queryKey: SAMPLES_KEY });
    },
    onError: (error) => {
      // Someone else got there first: show what they decided.
      if (error instanceof ApiError && error.code === 'REVIEW_ALREADY_DECIDED') void queryClient.invalidateQueries({ queryKey: sampleKey(sampleId) });
    },
  });
  if (item.verdict) {
    return (
      <VStack gap="space-4">
        <div>
          <Tag size="xsmall" variant="moderate" data-color={item.verdict.verdict === 'avvik' ? 'danger' : 'success'}>
            {VERDICT_LABELS[item.verdict.verdict]}
          </Tag>{' '}
          <span className="muted">
            av {item.verdict.reviewer}, {formatDateTime(item.verdict.at)}
          </span>
        </div>
        {item.verdict.comment && <BodyShort size="small">{item.verdict.comment}</BodyShort>}
      </VStack>
    );
  }
  const apiError = record.error instanceof ApiError ? record.error : undefined;
  const commentError = apiError?.fieldMessage('comment');
  return (
    <VStack gap="space-4" className="verdict-form">
      <HStack gap="space-8" align="end" wrap>
        <TextField
          label={`Kommentar til ${item.journalNumber}`}
          hideLabel
          placeholder="Kommentar (påkrevd ved avvik)"
          size="small"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={commentError}
          maxLength={2000}
          className="verdict-comment"
        />
        <Button size="small" variant="secondary" loading={record.isPending && record.variables === 'godkjent'} disabled={record.isPending} onClick={() => record.mutate('godkjent')}>
          Godkjenn<span className="sr-only"> {item.journalNumber}</span>
        </Button>
        <Button size="small" variant="secondary-neutral" loading={record.isPending && record.variables === 'avvik'} disabled={record.isPending} onClick={() => record.mutate('avvik')}>
          Avvik<span className="sr-only"> på {item.journalNumber}</span>
        </Button>
      </HStack>
      {record.error && !commentError && (
        <Alert variant="error" size="small" role="alert" data-testid="vurdering-feil">
          {errorMessage(record.error)}
        </Alert>
      )}
      {mine && !record.error && <BodyShort size="small" className="muted">Du registrerte denne selv; en annen fagansvarlig må kontrollere den.</BodyShort>}
    </VStack>
  );
}

function SampleDetail({ id }: { id: string }) {
  const user = useUser();
  const sample = useQuery({ queryKey: sampleKey(id), queryFn: ({ signal }) => api<ReviewSample>(`/api/v1/quality/review-samples/${encodeURIComponent(id)}`, { signal }) });
  const download = useMutation({ mutationFn: () => downloadFile(`/api/v1/quality/review-samples/${encodeURIComponent(id)}?format=csv`, 'stikkprove.csv') });
  if (sample.isPending) return <Loader title="Henter stikkprøven …" />;
  if (sample.error) return <Alert variant="error">{errorMessage(sample.error)}</Alert>;
  const data = sample.data;
  const decided = data.items.filter((item) => item.verdict).length;
  return (
    <section aria-labelledby="valgt-stikkprove" data-testid="valgt-stikkprove">
      <VStack gap="space-12">
        <HStack gap="space-16" align="center" justify="space-between" wrap>
          <Heading level="2" size="small" id="valgt-stikkprove">
            Stikkprøve trukket {formatDateTime(data.drawnAt)} av {data.drawnBy}
          </Heading>
          <Button size="small" variant="secondary" loading={download.isPending} onClick={() => download.mutate()}>
            Last ned CSV
          </Button>
        </HStack>
        <BodyShort className="muted">
          Registrert {formatPeriod(data.from, data.to)}; {String(data.percentage).replace('.', ',')} % per {STRATUM_PHRASES[data.stratifyBy]}, minst {data.minPerStratum} per gruppe. Utvalg{' '}
          {formatCount(data.items.length)} av {formatCount(data.population)}: {data.strata.map((s) => `${s.stratum} ${s.drawn} av ${s.population}`).join(', ')}. Kontrollert{' '}
          {formatCount(decided)} av {formatCount(data.items.length)}.
        </BodyShort>
        {download.error && (
          <Alert variant="error" size="small" role="alert">
            {errorMessage(download.error)}
          </Alert>
        )}
        {data.items.length === 0 ? (
          <BodyShort className="muted">Ingen journalposter i utvalget som du har tilgang til.</BodyShort>
        ) : (
          <div className="table-scroll">
            <Table size="small" data-testid="stikkprove-poster">
              <caption className="sr-only">Journalpostene i stikkprøven med vurdering</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Journalpost</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Gruppe</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Registrert av</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Vurdering</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data.items.map((item) => (
                  <Table.Row key={item.reportId} data-report-id={item.reportId} shadeOnHover={false}>
                    <Table.HeaderCell scope="row" className="nowrap">
                      <AkselLink as={Link} to={`/rapport/${item.reportId}`}>
                        {item.journalNumber}
                      </AkselLink>
                    </Table.HeaderCell>
                    <Table.DataCell>{item.stratum}</Table.DataCell>
                    <Table.DataCell>{item.registeredBy}</Table.DataCell>
                    <Table.DataCell>
                      <VerdictCell sampleId={data.id} item={item} mine={item.registeredBy === user.username} />
                    </Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </VStack>
    </section>
  );
}

/** Four-eyes review: draw a stratified random sample, follow each sample's progress, record verdicts. */
export function ReviewPanel() {
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('utvalg') ?? undefined;
  return (
    <VStack gap="space-24">
      <DrawSampleForm onDrawn={(sample) => setParams({ fane: 'stikkprover', utvalg: sample.id })} />
      <section aria-labelledby="stikkprover-tittel">
        <Heading level="2" size="small" spacing id="stikkprover-tittel">
          Stikkprøver
        </Heading>
        <SampleList selectedId={selectedId} />
      </section>
      {selectedId && <SampleDetail id={selectedId} />}
    </VStack>
  );
}
