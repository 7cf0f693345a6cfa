/** One server-sent event as the API sends it: its type and parsed data. */
export interface StreamEvent {
  type: string;
  data: { id?: string; status?: string; kind?: string; actor?: string; at?: string };
}

/**
 * GET /api/v1/events read with fetch, as the browser app reads it (bearer token in a header).
 * `until` waits for a condition on what has arrived; the jest timeout bounds every wait.
 */
export class EventStream {
  readonly events: StreamEvent[] = [];
  /** Comment lines (`: …`): the greeting and keep-alives. */
  readonly comments: string[] = [];
  ended = false;
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();

  static async open(baseUrl: string, authorization: string): Promise<EventStream> {
    const { status, stream } = await EventStream.connect(baseUrl, authorization);
    if (stream.ended) throw new Error(`GET /api/v1/events answered ${status}`);
    return stream;
  }

  /** Like open, but gives the answer's status and content type; a refused stream is already ended. */
  static async connect(baseUrl: string, authorization: string): Promise<{ status: number; contentType: string | null; stream: EventStream }> {
    const stream = new EventStream();
    const response = await fetch(`${baseUrl}/api/v1/events`, { headers: { Authorization: authorization }, signal: stream.abort.signal });
    if (response.ok && response.body) void stream.pump(response.body);
    else stream.ended = true;
    return { status: response.status, contentType: response.headers.get('content-type'), stream };
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          for (const line of lines) if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
          const type = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (type && data) this.events.push({ type, data: JSON.parse(data) as StreamEvent['data'] });
          this.notify();
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves once `predicate` holds (checked on every event). */
  until(predicate: (stream: EventStream) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!predicate(this)) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The data of every `report.changed` event: a report's id and new status. */
  get changes(): StreamEvent['data'][] {
    return this.events.filter((event) => event.type === 'report.changed').map((event) => event.data);
  }

  /** The data of every `alert` event (P1, break-glass). */
  get alerts(): StreamEvent['data'][] {
    return this.events.filter((event) => event.type === 'alert').map((event) => event.data);
  }

  /** The statuses one report went through, in the order they were sent. */
  statusesOf(id: string): string[] {
    return this.changes.filter((change) => change.id === id).map((change) => change.status as string);
  }

  /** Events of a type about one report. */
  about(type: string, id: string): StreamEvent[] {
    return this.events.filter((event) => event.type === type && event.data.id === id);
  }

  close(): void {
    this.abort.abort();
  }
}
