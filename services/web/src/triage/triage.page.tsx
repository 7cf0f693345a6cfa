import { PlusIcon, QuestionmarkCircleIcon } from '@navikt/aksel-icons';
import { Alert, BodyShort, Button, Heading, HStack, Loader } from '@navikt/ds-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import type { Priority, Report } from '../api/types';
import { formatCount } from '../common/format';
import { useUser } from '../session/session-context';
import { HANDOVER_NOTE_FIELD_ID } from './handover-notes';
import { QueueList } from './queue-list';
import type { RegistrationFormHandle } from './registration-form';
import { ReportDetail } from './report-detail';
import { ShortcutHelp } from './shortcut-help';
import { useSla } from './sla';
import { useQueue } from './use-queue';
import { useShortcuts } from './use-shortcuts';

/** Ticks once a minute so "venter 4 min" stays true without re-reading the queue. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The coordinator's triage desk: the queue (most urgent first), the opened report with its
 * assessment, and registration, all reachable from the keyboard.
 */
export function TriagePage() {
  const user = useUser();
  const now = useNow();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const queue = useQueue();
  const sla = useSla();
  const items = queue.data?.items ?? [];
  const [searchParams, setSearchParams] = useSearchParams();
  const openedId = searchParams.get('rapport') ?? undefined;
  const [activeIndex, setActiveIndex] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [registered, setRegistered] = useState<Report>();
  const [announcement, setAnnouncement] = useState('');
  const formRef = useRef<RegistrationFormHandle>(null);

  const opened = useQuery({
    queryKey: ['report', openedId],
    queryFn: ({ signal }) => api<Report>(`/api/v1/reports/${openedId}`, { signal }),
    // Read again when the event stream says it changed (e.g. the worker assessed it); see useQueue.
    enabled: openedId !== undefined,
  });

  const clampedIndex = Math.min(activeIndex, Math.max(0, items.length - 1));
  useEffect(() => {
    if (clampedIndex !== activeIndex) setActiveIndex(clampedIndex);
  }, [clampedIndex, activeIndex]);

  function inQueue(event: KeyboardEvent): boolean {
    return event.target instanceof HTMLElement && event.target.closest('[role="listbox"]') !== null;
  }

  function move(delta: number): true {
    if (items.length === 0) return true;
    const next = Math.max(0, Math.min(items.length - 1, clampedIndex + delta));
    setActiveIndex(next);
    const report = items[next];
    if (report) setAnnouncement(`${next + 1} av ${items.length}: ${report.assessment?.priority ?? 'vurderes'}, ${report.title}`);
    return true;
  }

  function open(index: number) {
    const report = items[index];
    if (!report) return;
    setRegistered(undefined);
    setSearchParams({ rapport: report.id }, { replace: true });
  }

  function setPriority(priority: Priority) {
    formRef.current?.setPriority(priority);
    setAnnouncement(`Prioritet ${priority}`);
  }

  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    // Arrows, Home and End move in the queue only while it has focus; elsewhere they scroll.
    ArrowDown: (event) => inQueue(event) && move(1),
    ArrowUp: (event) => inQueue(event) && move(-1),
    Home: (event) => inQueue(event) && move(-items.length),
    End: (event) => inQueue(event) && move(items.length),
    Enter: () => open(clampedIndex),
    r: () => formRef.current?.submit(),
    '1': () => setPriority('P1'),
    '2': () => setPriority('P2'),
    '3': () => setPriority('P3'),
    '4': () => setPriority('P4'),
    g: () => formRef.current?.focus('gradering'),
    c: () => formRef.current?.focus('kategori'),
    m: () => formRef.current?.focus('merknad'),
    o: () => document.getElementById(HANDOVER_NOTE_FIELD_ID)?.focus(),
    n: () => void navigate('/mottak/ny'),
    '?': () => setHelpOpen(true),
  });

  function onRegistered(report: Report) {
    queryClient.setQueryData(['report', report.id], report);
    void queryClient.invalidateQueries({ queryKey: ['queue'] });
    setRegistered(report);
    setAnnouncement(`Registrert som ${report.registration?.journalNumber ?? ''}`);
  }

  const waiting = items.filter((r) => !r.assessment).length;
  return (
    <main id="innhold" className="triage">
      <div className="triage-queue">
        <HStack justify="space-between" align="center" className="queue-header">
          <Heading level="1" size="small">
            Mottak{queue.data ? `: ${formatCount(queue.data.total)} åpne` : ''}
          </Heading>
          <HStack gap="space-4">
            <Button size="xsmall" variant="tertiary" icon={<QuestionmarkCircleIcon aria-hidden />} onClick={() => setHelpOpen(true)}>
              Hurtigtaster (?)
            </Button>
            <Button size="xsmall" variant="tertiary" icon={<PlusIcon aria-hidden />} as={Link} to="/mottak/ny">
              Ny (n)
            </Button>
          </HStack>
        </HStack>
        {waiting > 0 && <BodyShort size="small" className="queue-note">{waiting} venter på førstehåndsvurdering</BodyShort>}
        {queue.isPending && <Loader title="Henter køen …" />}
        {queue.error && <Alert variant="error">{errorMessage(queue.error)}</Alert>}
        {queue.data && items.length === 0 && <BodyShort className="queue-note">Køen er tom. Godt jobbet!</BodyShort>}
        {items.length > 0 && <QueueList items={items} total={queue.data?.total ?? items.length} activeIndex={clampedIndex} openedId={openedId} now={now} sla={sla.data} onSelect={setActiveIndex} onOpen={open} />}
      </div>
      <section className="triage-detail" aria-labelledby={opened.data ? 'rapport-tittel' : undefined} aria-label={opened.data ? undefined : 'Rapport'}>
        {registered?.registration && (
          <Alert variant="success" role="status" className="registered-alert">
            «{registered.title}» er registrert som journalpost <strong data-testid="journalnummer">{registered.registration.journalNumber}</strong>.
          </Alert>
        )}
        <ReportDetail report={opened.data} loading={opened.isLoading} error={opened.error} user={user} formRef={formRef} onRegistered={onRegistered} />
      </section>
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </main>
  );
}
