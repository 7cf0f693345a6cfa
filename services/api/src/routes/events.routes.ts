import type { Request, Response } from 'express';
import { z } from 'zod';
import { actorName, type AlertEvent, authenticateSession, type CoreDeps, readAccessFor, type ReportEvent } from '@mottak/core';
import { REPORT_STATUSES, type User } from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import { defineRoute, type RouteSpec } from '../route';
import { SavedSearchAlerts } from '../saved-search-alerts';

/** A comment line this often keeps proxies from closing an idle stream, and re-checks the session. */
export const KEEP_ALIVE_MS = 20_000;
/** A client that has not read this much is too slow to follow; its stream is closed (it reconnects and refetches). */
const MAX_BUFFERED_BYTES = 1_000_000;
/** What the browser waits before reconnecting after the stream ends. */
const RETRY_MS = 3_000;

/** The open event streams, so that shutdown can end them (an open stream would hold server.close forever). */
export class EventStreams {
  private readonly ends = new Set<() => void>();

  add(end: () => void): () => void {
    this.ends.add(end);
    return () => {
      this.ends.delete(end);
    };
  }

  get size(): number {
    return this.ends.size;
  }

  /** Ends every open stream; called when the server begins to shut down. */
  closeAll(): void {
    for (const end of [...this.ends]) end();
  }
}

const reportChangedSchema = z
  .string()
  .describe(
    'text/event-stream. Events `report.changed` with data `{"id": "<report id>", "status": "<status>"}`, only for reports the user may read now ' +
      `(status one of ${REPORT_STATUSES.join(', ')}); \`saved-search\` with data \`{"newTotal": n, "searches": [{"id", "newCount"}]}\` when the new matches ` +
      "of the user's own saved searches changed (recounted under the user's rights after the index changed; nothing for reports they may not see); " +
      `comment lines as keep-alive every ${KEEP_ALIVE_MS / 1000} s. ` +
      'A hint to refetch, not a log: events during a reconnect are not replayed.',
  );

function bearerToken(req: Request): string | undefined {
  return /^Bearer (\S+)$/.exec(req.get('Authorization') ?? '')?.[1];
}

/** Live changes to reports as server-sent events, for the coordinator's queue. */
export function eventRoutes(deps: CoreDeps, streams: EventStreams): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/events',
      operationId: 'reportEvents',
      summary: 'Endringer i rapporter brukeren har tilgang til, som server-sent events (id og ny status)',
      tag: 'Rapporter',
      auth: 'user',
      responses: { 200: { description: 'An event stream that stays open', schema: reportChangedSchema, contentType: 'text/event-stream' } },
      async handler({ req, res, user }) {
        const token = bearerToken(req);
        await deps.audit.append({
          at: deps.clock.now().toISOString(),
          actor: actorName({ kind: 'user', user }),
          action: 'events.subscribe',
          details: {},
        });
        openStream(deps, streams, req, res, user, token);
        return { status: 200, streamed: true };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}

function openStream(deps: CoreDeps, streams: EventStreams, req: Request, res: Response, user: User, token: string | undefined): void {
  // Refreshed at every keep-alive: a logout, a disabled user or changed rights apply from there on.
  let current = user;
  let ended = false;
  // Events are checked and sent one at a time, in the order they were published.
  let pending: Promise<void> = Promise.resolve();

  res.status(200);
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-store, no-transform',
    Connection: 'keep-alive',
    // Tells nginx-style proxies not to buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  write(`retry: ${RETRY_MS}\n: mottak hendelser\n\n`);

  function write(text: string): void {
    if (ended) return;
    res.write(text);
    if (res.writableLength > MAX_BUFFERED_BYTES) end();
  }

  /**
   * Whether the user may read the report as it is now — the same rule as every read, grants
   * included and computed per event (a grant that lapsed a second ago no longer counts): the store
   * decides inside its query. A hidden report yields nothing, not even that something changed.
   */
  async function mayRead(reportId: string): Promise<boolean> {
    const { access } = await readAccessFor(deps, current);
    return access.kind !== 'none' && (await deps.store.get(reportId, access)) !== undefined;
  }

  // Saved searches are recounted when the index changes, and the user told only of their own counts.
  const savedSearches = new SavedSearchAlerts(deps, () => current, (data) => write(`event: saved-search\ndata: ${JSON.stringify(data)}\n\n`));
  pending = pending.then(() => savedSearches.start()).catch(() => undefined);

  async function deliver(event: ReportEvent): Promise<void> {
    if (event.type === 'alert') return deliverAlert(event);
    if (event.type === 'report.indexed') return savedSearches.nudge();
    if (ended || !(await mayRead(event.reportId))) return;
    write(`event: report.changed\ndata: ${JSON.stringify({ id: event.reportId, status: event.status })}\n\n`);
  }

  async function deliverAlert(event: AlertEvent): Promise<void> {
    if (ended) return;
    const ability = defineAbilityFor(current);
    const supervisesIntake = ability.can('assess', 'Report');
    const supervisesAccess = ability.can('approve', 'Approval');
    if (!supervisesIntake && !supervisesAccess) return;
    const readable = await mayRead(event.reportId);
    if (event.kind === 'p1') {
      // A P1 alert goes to those who may read the report and can act on it (coordinators).
      if (readable && supervisesIntake) write(`event: alert\ndata: ${JSON.stringify({ kind: 'p1', id: event.reportId, at: event.at })}\n\n`);
      return;
    }
    if (!supervisesAccess) return;
    // The supervisor learns who broke the glass and when; the report's id only if they may read it.
    write(`event: alert\ndata: ${JSON.stringify({ kind: 'break-glass', actor: event.actor, at: event.at, ...(readable ? { id: event.reportId } : {}) })}\n\n`);
  }

  const unsubscribe = deps.events.subscribe((event) => {
    pending = pending.then(() => deliver(event)).catch(() => undefined);
  });

  const keepAlive = setInterval(() => {
    pending = pending
      .then(async () => {
        // A logout, an expired session or a disabled user ends the stream; changed rights apply from here on.
        const refreshed = token ? await authenticateSession(deps, token) : undefined;
        if (!refreshed) return end();
        current = refreshed;
        write(': keep-alive\n\n');
      })
      .catch(() => end());
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  const forget = streams.add(() => end());
  function end(): void {
    if (ended) return;
    ended = true;
    clearInterval(keepAlive);
    savedSearches.stop();
    unsubscribe();
    forget();
    res.end();
  }
  req.on('close', end);
  res.on('error', end);
}
