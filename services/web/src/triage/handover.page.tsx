import { Alert, BodyShort, Detail, Heading, Link as AkselLink, Loader, Pagination, Table, Tag, VStack } from '@navikt/ds-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { subscribeReportEvents } from '../api/event-stream';
import type { HandoverItem } from '../api/saved-search-types';
import { formatCount, formatDateTime } from '../common/format';
import { GRADERING_LABELS, STATUS_LABELS } from '../common/labels';
import { PriorityTag } from '../report/report-tags';

const PAGE_SIZE = 50;
/** A burst of changes (a shift writing its notes) is one refetch. */
const REFETCH_GAP_MS = 1_000;

/** Reports still in the queue open on the desk; registered ones on their own page. */
function reportLink(item: HandoverItem): string {
  return item.status === 'mottatt' || item.status === 'vurdert' ? `/mottak?rapport=${encodeURIComponent(item.id)}` : `/rapport/${encodeURIComponent(item.id)}`;
}

/**
 * «Overlevering»: the open reports (mottatt, vurdert, registrert, under behandling) that carry shift
 * handover notes, each with the latest note, most recently noted first — what the next shift reads
 * when it comes on. Only reports the user may read are listed (the API chooses them by the same
 * access rule as every read); kept current from the event stream, without polling.
 */
export default function HandoverPage() {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const handover = useQuery({
    queryKey: ['handover', page],
    queryFn: ({ signal }) => api<{ total: number; items: HandoverItem[] }>('/api/v1/handover', { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.refetchQueries({ queryKey: ['handover'] }, { cancelRefetch: false });
      }, REFETCH_GAP_MS);
    };
    const stop = subscribeReportEvents({ onOpen: refetchSoon, onChange: refetchSoon });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [queryClient]);

  const data = handover.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <div>
          <Heading level="1" size="large" spacing>
            Overlevering
          </Heading>
          <BodyShort className="muted">
            Åpne rapporter med overleveringsnotater fra tidligere vakter, sist notert først. Skriv et notat på rapporten i mottaket (tast o) før vakten slutter.
          </BodyShort>
        </div>
        {handover.isPending && <Loader title="Henter overleveringen …" />}
        {handover.error && <Alert variant="error">{errorMessage(handover.error)}</Alert>}
        {data && data.total === 0 && <BodyShort>Ingen åpne rapporter har overleveringsnotater.</BodyShort>}
        {data && data.items.length > 0 && (
          <>
            <Heading level="2" size="small" data-testid="overlevering-totalt">
              {formatCount(data.total)} {data.total === 1 ? 'åpen rapport' : 'åpne rapporter'} med notater
            </Heading>
            <Table size="small" aria-label="Åpne rapporter med overleveringsnotater">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Rapport</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Siste notat</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Notater</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data.items.map((item) => (
                  <Table.Row key={item.id} data-testid="overlevering-rad">
                    <Table.DataCell>
                      <VStack gap="space-4">
                        <AkselLink as={Link} to={reportLink(item)}>
                          {item.title}
                        </AkselLink>
                        <Detail className="muted">
                          {item.priority && <PriorityTag priority={item.priority} size="xsmall" />} {item.journalNumber ?? 'Ikke registrert'} · {GRADERING_LABELS[item.gradering]} · mottatt {formatDateTime(item.receivedAt)}
                        </Detail>
                      </VStack>
                    </Table.DataCell>
                    <Table.DataCell>
                      <Tag size="xsmall" variant="outline" data-color="neutral">
                        {STATUS_LABELS[item.status]}
                      </Tag>
                    </Table.DataCell>
                    <Table.DataCell>
                      <BodyShort size="small" className="handover-note-text">
                        {item.latestNote.text}
                      </BodyShort>
                      <Detail className="muted">
                        {item.latestNote.authorName || item.latestNote.author}, {formatDateTime(item.latestNote.at)}
                      </Detail>
                    </Table.DataCell>
                    <Table.DataCell>{formatCount(item.noteCount)}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            {pages > 1 && <Pagination page={page} count={pages} size="small" onPageChange={setPage} srHeading={{ tag: 'h2', text: 'Sider i overleveringen' }} />}
          </>
        )}
      </VStack>
    </main>
  );
}
