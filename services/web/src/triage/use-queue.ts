import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { subscribeReportEvents } from '../api/event-stream';
import type { Report, ReportPage } from '../api/types';
import { orderQueue, queueRefetchGap } from './queue-order';

/** The API's largest page. */
const PAGE_SIZE = 200;
/** Pages fetched at once when the queue is longer than one page. */
const PARALLEL_PAGES = 4;
/** The first page: the top of the desk, more than a screenful, small enough to come and draw at once. */
const FIRST_PAGE_SIZE = 50;

/**
 * Resolves once the browser has drawn the next frame (so the first page is on screen before the
 * rest is read) — or after 100 ms, since a hidden tab draws no frames and must still load.
 */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

export interface Queue {
  total: number;
  items: Report[];
}

/**
 * Every open report (mottatt or vurdert) the user may see, in triage order. The API pages in triage
 * order, so its first page is the top of the desk: shown at once (`onFirstPage`) while the rest of
 * a long queue loads. Pages shift while they are read (reports arrive and are assessed), so the
 * whole queue is ordered again here once it is read.
 */
async function fetchQueue(signal: AbortSignal, onFirstPage: (queue: Queue) => void): Promise<Queue> {
  const page = (offset: number, limit = PAGE_SIZE) => api<ReportPage>('/api/v1/reports', { query: { status: 'mottatt,vurdert', order: 'triage', limit, offset }, signal });
  const first = await page(0, FIRST_PAGE_SIZE);
  if (first.total > first.items.length) {
    onFirstPage({ total: first.total, items: orderQueue(first.items) });
    // Drawn before the rest is read: reading 10,000 reports would otherwise hold up the first frame.
    await nextPaint();
  }
  const items = new Map(first.items.map((report) => [report.id, report]));
  const offsets: number[] = [];
  for (let offset = FIRST_PAGE_SIZE; offset < first.total; offset += PAGE_SIZE) offsets.push(offset);
  for (let i = 0; i < offsets.length; i += PARALLEL_PAGES) {
    const pages = await Promise.all(offsets.slice(i, i + PARALLEL_PAGES).map((offset) => page(offset)));
    // Pages shift while they are read (new reports arrive); the map drops the repeats.
    for (const next of pages) for (const report of next.items) items.set(report.id, report);
  }
  return { total: first.total, items: orderQueue([...items.values()]) };
}

/**
 * The coordinator's queue, live: read once, then again when the API's event stream says a report
 * the user may see changed (or the stream reconnected and may have missed something). No polling:
 * an idle desk reads (and is audited reading) the list only when something happened. A burst of
 * changes is one refetch, and bigger queues wait longer between refetches (each reads every page).
 */
export function useQueue() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['queue'],
    // On the first read, a long queue shows its first page while the rest is read (the same cache
    // entry, filled twice); a refetch keeps showing the whole queue it replaces.
    queryFn: ({ signal }) =>
      fetchQueue(signal, (firstPage) => {
        if (!queryClient.getQueryData(['queue'])) queryClient.setQueryData(['queue'], firstPage);
      }),
  });
  const total = query.data?.total ?? 0;
  // The latest queue length, read by the event handler without re-subscribing on every change.
  const totalRef = useRef(total);
  useEffect(() => {
    totalRef.current = total;
  }, [total]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRefetch = 0;
    const refetchSoon = () => {
      if (timer !== undefined) return;
      const wait = Math.max(0, lastRefetch + queueRefetchGap(totalRef.current, PAGE_SIZE) - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        lastRefetch = Date.now();
        // A refetch already under way is not cancelled: under a steady stream of events it would never finish.
        void queryClient.refetchQueries({ queryKey: ['queue'] }, { cancelRefetch: false });
      }, wait);
    };
    const stop = subscribeReportEvents({
      // A (re)connection may have missed changes. The stream is shared with the alert centre, so the
      // first open this hook hears may be a reconnection; a refetch while the first read is still
      // under way joins it rather than starting another (cancelRefetch: false).
      onOpen: refetchSoon,
      onChange: (event) => {
        refetchSoon();
        void queryClient.invalidateQueries({ queryKey: ['report', event.id] });
      },
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [queryClient]);

  return query;
}
