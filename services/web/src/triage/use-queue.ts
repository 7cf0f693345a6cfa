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

export interface Queue {
  total: number;
  items: Report[];
}

/**
 * Every open report (mottatt or vurdert) the user may see, in triage order. The API pages newest
 * first and has no priority order, so the whole queue is read and ordered here.
 */
async function fetchQueue(signal: AbortSignal): Promise<Queue> {
  const page = (offset: number) => api<ReportPage>('/api/v1/reports', { query: { status: 'mottatt,vurdert', limit: PAGE_SIZE, offset }, signal });
  const first = await page(0);
  const items = new Map(first.items.map((report) => [report.id, report]));
  const offsets: number[] = [];
  for (let offset = PAGE_SIZE; offset < first.total; offset += PAGE_SIZE) offsets.push(offset);
  for (let i = 0; i < offsets.length; i += PARALLEL_PAGES) {
    const pages = await Promise.all(offsets.slice(i, i + PARALLEL_PAGES).map(page));
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
  const query = useQuery({ queryKey: ['queue'], queryFn: ({ signal }) => fetchQueue(signal) });
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
