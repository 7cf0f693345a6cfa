import type { ReportStatus } from '@mottak/domain';

/** A report's state changed and the change is committed: its id and new status, nothing more. */
export interface ReportChangedEvent {
  type: 'report.changed';
  reportId: string;
  status: ReportStatus;
  /** The report's version after the change (lets a listener drop a stale duplicate). */
  version: number;
  at: string;
}

/**
 * Something a person must act on now: a P1 suggestion (to coordinators who may read the report)
 * or a break-glass use (to supervisors). Listeners check who may hear it, as for changes.
 */
export interface AlertEvent {
  type: 'alert';
  kind: 'p1' | 'break-glass';
  reportId: string;
  /** Who broke the glass (break-glass alerts). */
  actor?: string;
  at: string;
}

/**
 * The search index now holds a report as it is (indexed, re-indexed or removed after disposal):
 * searches may answer differently from now on. For listeners that recount saved searches under
 * their own user's rights; never passed on to a user as such (it would tell of reports they may not see).
 */
export interface ReportIndexedEvent {
  type: 'report.indexed';
  reportId: string;
  at: string;
}

export type ReportEvent = ReportChangedEvent | AlertEvent | ReportIndexedEvent;

export type ReportEventListener = (event: ReportEvent) => void;

/**
 * Announces committed state changes to whoever listens (the API's server-sent event streams).
 * Events are a hint to re-read, never a source of truth: a lost event costs a refresh, not data,
 * and listeners must still check access before passing an event on.
 */
export interface ReportEvents {
  /** Never throws into the caller: a failing listener does not undo a committed change. */
  publish(event: ReportEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: ReportEventListener): () => void;
  close(): Promise<void>;
}
