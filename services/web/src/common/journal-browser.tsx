import { Alert, Button, HStack, VStack } from '@navikt/ds-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { LogEntry } from '../api/types';
import { LogTable } from './log-table';

const JOURNAL_PAGE = 50;

/** The journal, page by page from the first entry (GET /api/v1/journal; fagansvarlig and revisor). */
export function JournalBrowser() {
  // The API reads the journal forwards from a sequence number; pages are kept to step back.
  const [starts, setStarts] = useState<number[]>([0]);
  const afterSeq = starts[starts.length - 1] ?? 0;
  const journal = useQuery({
    queryKey: ['journal', afterSeq],
    queryFn: ({ signal }) => api<LogEntry[]>('/api/v1/journal', { query: { afterSeq, limit: JOURNAL_PAGE }, signal }),
  });
  const last = journal.data?.[journal.data.length - 1];
  return (
    <VStack gap="space-12">
      {journal.error && <Alert variant="error">{errorMessage(journal.error)}</Alert>}
      {journal.data && <LogTable entries={journal.data} label="Journal" />}
      <HStack gap="space-8">
        <Button size="small" variant="secondary" disabled={starts.length < 2} onClick={() => setStarts((s) => s.slice(0, -1))}>
          Forrige side
        </Button>
        <Button size="small" variant="secondary" disabled={!last || (journal.data?.length ?? 0) < JOURNAL_PAGE} onClick={() => last && setStarts((s) => [...s, last.seq])}>
          Neste side
        </Button>
      </HStack>
    </VStack>
  );
}

