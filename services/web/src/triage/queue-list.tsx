import { ChatIcon } from '@navikt/aksel-icons';
import { BodyShort, Detail, HStack } from '@navikt/ds-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Report } from '../api/types';
import { formatAge, formatDateTime } from '../common/format';
import { CHANNEL_LABELS } from '../common/labels';
import { PriorityTag } from '../report/report-tags';
import { slaFor, type SlaTable } from './sla';
import { AssessmentPendingTag } from './assessment-progress';

const ROW_HEIGHT = 68;

export function queueOptionId(report: Report): string {
  return `ko-${report.id}`;
}

interface QueueListProps {
  items: Report[];
  /** Open reports in all: more than `items` while the rest of a long queue is still being read. */
  total: number;
  activeIndex: number;
  openedId: string | undefined;
  now: number;
  /** Deadlines per priority; without it (still loading) rows show no time left. */
  sla: SlaTable | undefined;
  onSelect(index: number): void;
  onOpen(index: number): void;
}

/** The user-timing mark set when the desk first shows rows. */
export const FIRST_ROWS_MARK = 'mottak:forste-rader';

/**
 * The queue as a listbox. Virtualised: only the rows in view (and a few more) are in the DOM, so
 * 10,000 open reports scroll and move as fast as 10. The active row is kept in view and named by
 * aria-activedescendant, so focus can stay on the list while j/k move.
 */
export function QueueList({ items, total, activeIndex, openedId, now, sla, onSelect, onOpen }: QueueListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (items.length > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);

  // A user-timing mark when the first rows are on screen, once per page load: what `pnpm bench web`
  // reads (the browser's own clock, not a poll that waits behind the rest of the queue loading).
  useEffect(() => {
    if (items.length > 0 && performance.getEntriesByName(FIRST_ROWS_MARK).length === 0) performance.mark(FIRST_ROWS_MARK);
  }, [items.length]);

  const active = items[activeIndex];
  return (
    <div
      ref={scrollRef}
      className="queue-scroll"
      role="listbox"
      id="ko"
      aria-label={`Kø: ${Math.max(total, items.length)} åpne rapporter${items.length < total ? ` (${items.length} lest inn så langt)` : ''}, mest haster først`}
      tabIndex={0}
      aria-activedescendant={active ? queueOptionId(active) : undefined}
    >
      <div className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const report = items[row.index];
          if (!report) return null;
          const isActive = row.index === activeIndex;
          const duplicates = report.assessment?.duplicateOf.length ?? 0;
          const notes = report.handoverNotes?.length ?? 0;
          const deadline = sla ? slaFor(sla, report.receivedAt, report.assessment?.priority, now) : undefined;
          return (
            <div
              key={report.id}
              id={queueOptionId(report)}
              role="option"
              aria-selected={isActive}
              aria-setsize={Math.max(total, items.length)}
              aria-posinset={row.index + 1}
              className="queue-row"
              data-active={isActive}
              data-opened={report.id === openedId}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={() => {
                onSelect(row.index);
                onOpen(row.index);
              }}
            >
              <HStack gap="space-8" align="center" wrap={false}>
                {report.assessment ? <PriorityTag priority={report.assessment.priority} size="xsmall" /> : <AssessmentPendingTag progress={report.assessmentProgress} />}
                <BodyShort weight="semibold" truncate className="queue-title">
                  {report.title}
                </BodyShort>
                {deadline && (
                  <span
                    className={`sla sla-${deadline.state}`}
                    data-sla={deadline.state}
                    title={`${deadline.stage === 'assess' ? 'Vurderes' : 'Registreres'} innen ${formatDateTime(new Date(deadline.deadline).toISOString())}`}
                  >
                    {deadline.text}
                  </span>
                )}
              </HStack>
              <Detail className="queue-meta">
                {notes > 0 && (
                  // First in the line, so a long line never cuts it off: the next shift must see it.
                  <span className="handover-marker" data-testid="overlevering-markor">
                    <ChatIcon aria-hidden /> {notes === 1 ? '1 notat' : `${notes} notater`}
                    <span className="sr-only"> til overlevering</span>
                    {' · '}
                  </span>
                )}
                {CHANNEL_LABELS[report.channel]} · venter {formatAge(report.receivedAt, now)}
                {report.assessment ? ` · ${report.assessment.category}` : ''}
                {duplicates > 0 ? ' · sett før' : ''}
              </Detail>
            </div>
          );
        })}
      </div>
    </div>
  );
}
