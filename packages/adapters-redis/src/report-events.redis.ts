import { randomUUID } from 'node:crypto';
import { InProcessReportEvents, type ReportEvent, type ReportEventListener, type ReportEvents } from '@mottak/core';
import { reportEventSchema } from '@mottak/domain';
import { Redis } from 'ioredis';

/** Larger messages are not ours (an event is a few ids): dropped unread. */
const MAX_MESSAGE_BYTES = 4_096;
/** How much of a dropped message goes into the log, to tell where it came from. */
const EXCERPT_LENGTH = 120;
/** The envelope's format; a process that sees another version drops the message (and says so). */
const ENVELOPE_VERSION = 1;
/**
 * How long a disconnect waits for the socket to close by itself (ioredis' default is 2 s, which
 * keeps a stopping process alive when Redis is away); events have nothing worth flushing.
 */
const DISCONNECT_TIMEOUT_MS = 100;

export interface RedisReportEventsOptions {
  /** e.g. `redis://127.0.0.1:6379` (a `/db` path and credentials in the URL are honoured). */
  redisUrl: string;
  /** The channel is `<prefix>:report-events`; processes with different prefixes never hear each other. Default `mottak`. */
  prefix?: string;
  /** Connection failures and failed publishes (once per outage, not per event). Default: process warning. */
  onError?: (error: unknown) => void;
  /** A message on the channel that is not a valid event: dropped, and reported here with the reason. */
  onInvalidMessage?: (reason: string, excerpt: string) => void;
  /** Called each time the subscriber connection is ready (first connect and every reconnect; it re-subscribes at once), e.g. to log a recovery. */
  onSubscriberReady?: () => void;
}

/**
 * ReportEvents between processes over Redis pub/sub, for the production profile where the API
 * runs apart from workers and indexers. Listeners in this process hear its own events at once,
 * without the round trip (and so also while Redis is away); other processes hear them through the
 * channel, where each message carries this instance's id so that the echo is not delivered twice.
 *
 * Publishing uses an ordinary connection; listening uses a separate subscriber connection (a
 * connection in subscribe mode can do nothing else), opened on the first `subscribe` and kept
 * until `close`. ioredis reconnects both for ever and re-subscribes after a reconnect. Events are
 * hints to re-read, never a source of truth: what is published while Redis is away is lost, as the
 * port allows. Every received message is validated; a malformed one is dropped and reported.
 */
export class RedisReportEvents implements ReportEvents {
  /** Tells this instance's messages from other processes' (its echo is skipped). */
  readonly instanceId = randomUUID();
  readonly channel: string;
  private readonly local = new InProcessReportEvents();
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  /** Set after a failed publish, cleared by the next success: one report per outage, not one per event. */
  private publishFailing = false;
  private closed = false;
  private readonly onError: (error: unknown) => void;
  private readonly onInvalidMessage: (reason: string, excerpt: string) => void;

  constructor(private readonly options: RedisReportEventsOptions) {
    this.channel = `${options.prefix ?? 'mottak'}:report-events`;
    this.onError = options.onError ?? ((error) => process.emitWarning(`Mottak report events (Redis): ${describeError(error)}`));
    this.onInvalidMessage =
      options.onInvalidMessage ?? ((reason, excerpt) => process.emitWarning(`Mottak report events (Redis): dropped a message (${reason}): ${excerpt}`));
    // One retry across a reconnect, then the publish fails (reported once); the change it announces is committed anyway.
    this.publisher = new Redis(options.redisUrl, {
      maxRetriesPerRequest: 1,
      connectionName: `mottak-events-pub-${this.shortId}`,
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    });
    this.publisher.on('error', (error) => this.reportPublishError(error));
  }

  /** Short form of the instance id, in connection names (CLIENT LIST shows whose connection it is). */
  get shortId(): string {
    return this.instanceId.slice(0, 8);
  }

  publish(event: ReportEvent): void {
    if (this.closed) return;
    this.local.publish(event);
    const message = JSON.stringify({ v: ENVELOPE_VERSION, origin: this.instanceId, event });
    this.publisher.publish(this.channel, message).then(
      () => {
        this.publishFailing = false;
      },
      (error: unknown) => this.reportPublishError(error),
    );
  }

  subscribe(listener: ReportEventListener): () => void {
    if (!this.closed) this.listen();
    return this.local.subscribe(listener);
  }

  /** How many listen in this process now (for tests and metrics). */
  get listenerCount(): number {
    return this.local.listenerCount;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    for (const redis of [this.subscriber, this.publisher]) {
      if (!redis) continue;
      // QUIT waits for a reply; with Redis away (both connections retry for ever) it would never end.
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    }
  }

  /** Opens the subscriber connection once; ioredis re-subscribes it after every reconnect. */
  private listen(): void {
    if (this.subscriber) return;
    const subscriber = new Redis(this.options.redisUrl, {
      // Commands wait for the connection instead of failing: SUBSCRIBE must get through eventually.
      maxRetriesPerRequest: null,
      autoResubscribe: true,
      connectionName: `mottak-events-sub-${this.shortId}`,
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    });
    this.subscriber = subscriber;
    subscriber.on('error', (error) => this.onError(error));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    subscriber.on('ready', () => this.options.onSubscriberReady?.());
    subscriber.subscribe(this.channel).catch((error: unknown) => {
      if (!this.closed) this.onError(error);
    });
  }

  /** Validates a message from the channel and hands its event to this process's listeners; never throws. */
  private receive(message: string): void {
    try {
      const outcome = parseMessage(message, this.instanceId);
      if (outcome.kind === 'invalid') this.onInvalidMessage(outcome.reason, excerpt(message));
      else if (outcome.kind === 'event') this.local.publish(outcome.event);
    } catch (error) {
      // Only a bug in a reporting callback gets here; the subscriber must go on regardless.
      this.onError(error);
    }
  }

  private reportPublishError(error: unknown): void {
    if (this.closed || this.publishFailing) return;
    this.publishFailing = true;
    this.onError(error);
  }
}

type ParsedMessage = { kind: 'event'; event: ReportEvent } | { kind: 'own' } | { kind: 'invalid'; reason: string };

/** A message's event, `own` for this instance's echo, or why it is not a valid message. */
export function parseMessage(message: string, ownInstanceId: string): ParsedMessage {
  if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES) return { kind: 'invalid', reason: `over ${MAX_MESSAGE_BYTES} bytes` };
  let envelope: unknown;
  try {
    envelope = JSON.parse(message);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return { kind: 'invalid', reason: 'not an object' };
  const { v, origin, event } = envelope as Record<string, unknown>;
  if (v !== ENVELOPE_VERSION) return { kind: 'invalid', reason: `envelope version ${JSON.stringify(v)}, expected ${ENVELOPE_VERSION}` };
  if (typeof origin !== 'string' || origin.length === 0 || origin.length > 100) return { kind: 'invalid', reason: 'origin missing or not a short string' };
  if (origin === ownInstanceId) return { kind: 'own' };
  const parsed = reportEventSchema.safeParse(event);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${['event', ...issue.path].join('.')}: ${issue.message}`).join('; ');
    return { kind: 'invalid', reason: where };
  }
  const valid: ReportEvent = parsed.data;
  return { kind: 'event', event: valid };
}

function excerpt(message: string): string {
  return message.length <= EXCERPT_LENGTH ? message : `${message.slice(0, EXCERPT_LENGTH)}… (${message.length} chars)`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Report events over Redis pub/sub on `options.redisUrl`; connects in the background. */
export function createRedisReportEvents(options: RedisReportEventsOptions): RedisReportEvents {
  return new RedisReportEvents(options);
}
