import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Report, ReportPage } from '../api/types';
import { orderQueue, queuePollInterval } from './queue-order';

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
 * first and has no priority order or change feed yet, so the whole queue is read and ordered here.
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
 * The coordinator's queue, polled gently: every 5 s, backing off for long queues, and not while
 * the tab is hidden. (Server-sent events would replace the polling; the API has none yet.)
 */
export function useQueue() {
  return useQuery({
    queryKey: ['queue'],
    queryFn: ({ signal }) => fetchQueue(signal),
    refetchInterval: (query) => queuePollInterval(query.state.data?.total ?? 0, PAGE_SIZE),
    refetchIntervalInBackground: false,
  });
}
