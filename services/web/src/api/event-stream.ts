import { authorizationHeader, reportUnauthenticated } from './client';
import type { SavedSearchCounts } from './saved-search-types';

/** What the API's event stream (GET /api/v1/events) says: a report the user may read changed. */
export interface ReportChanged {
  id: string;
  status: string;
}

/**
 * Something to act on now: a P1 suggestion (coordinators who may read the report) or a break-glass
 * use (supervisors; the report id only when they may read it).
 */
export interface ReportAlert {
  kind: 'p1' | 'break-glass';
  id?: string;
  actor?: string;
  at: string;
}

export interface EventStreamHandlers {
  /** A report changed. */
  onChange(event: ReportChanged): void;
  /** An alert arrived. */
  onAlert?(alert: ReportAlert): void;
  /** The new matches of the user's own saved searches changed (counted by the server under their rights). */
  onSavedSearches?(counts: SavedSearchCounts): void;
  /** The stream (re)connected: changes during the gap were not sent, so re-read what is shown. */
  onOpen(): void;
}

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Reads the API's server-sent events with fetch rather than EventSource: EventSource cannot send
 * the bearer token, and a token in the URL would end up in logs. Reconnects with growing delays
 * (the server's `retry:` is the first); returns the function that stops it.
 */
export function openReportEvents(handlers: EventStreamHandlers): () => void {
  const abort = new AbortController();
  let retryMs = MIN_RETRY_MS;

  async function connect(): Promise<void> {
    while (!abort.signal.aborted) {
      const authorization = authorizationHeader();
      if (!authorization) return;
      try {
        const response = await fetch('/api/v1/events', {
          headers: { Accept: 'text/event-stream', Authorization: authorization },
          credentials: 'omit',
          cache: 'no-store',
          signal: abort.signal,
        });
        if (response.status === 401) return reportUnauthenticated();
        if (response.ok && response.body) {
          handlers.onOpen();
          retryMs = MIN_RETRY_MS;
          await read(response.body);
        }
      } catch {
        // A network failure or an abort; the loop decides.
      }
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    }
  }

  async function read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        dispatch(block);
      }
    }
  }

  function dispatch(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Math.max(MIN_RETRY_MS, Number(value));
    }
    if (data.length === 0) return;
    try {
      if (type === 'report.changed') {
        const event = JSON.parse(data.join('\n')) as ReportChanged;
        if (typeof event.id === 'string' && typeof event.status === 'string') handlers.onChange(event);
      } else if (type === 'alert') {
        const alert = JSON.parse(data.join('\n')) as ReportAlert;
        if ((alert.kind === 'p1' || alert.kind === 'break-glass') && typeof alert.at === 'string') handlers.onAlert?.(alert);
      } else if (type === 'saved-search') {
        const counts = JSON.parse(data.join('\n')) as SavedSearchCounts;
        if (typeof counts.newTotal === 'number' && Array.isArray(counts.searches)) handlers.onSavedSearches?.(counts);
      }
    } catch {
      // Not ours to fail on: the next refetch shows the truth.
    }
  }

  void connect();
  return () => abort.abort();
}

/**
 * One event stream per browser tab, shared by every part of the app that listens (the live queue,
 * the alert centre): the server keeps one stream per subscriber, so sharing halves the connections.
 * Opened with the first subscriber, closed with the last.
 */
const subscribers = new Set<EventStreamHandlers>();
let stopShared: (() => void) | undefined;

export function subscribeReportEvents(handlers: EventStreamHandlers): () => void {
  subscribers.add(handlers);
  stopShared ??= openReportEvents({
    onOpen: () => subscribers.forEach((s) => s.onOpen()),
    onChange: (event) => subscribers.forEach((s) => s.onChange(event)),
    onAlert: (alert) => subscribers.forEach((s) => s.onAlert?.(alert)),
    onSavedSearches: (counts) => subscribers.forEach((s) => s.onSavedSearches?.(counts)),
  });
  return () => {
    subscribers.delete(handlers);
    if (subscribers.size === 0) {
      stopShared?.();
      stopShared = undefined;
    }
  };
}
