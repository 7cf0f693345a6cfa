import http from 'node:http';

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/**
 * A small keep-alive JSON client over node:http for the e2e benchmark: cheaper per request than
 * fetch, and with a bounded socket pool so the benchmark cannot open more connections than it means to.
 */
export class JsonClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets = 64) {
    this.base = new URL(baseUrl);
    if (this.base.hostname !== '127.0.0.1') throw new Error(`benchmarks target 127.0.0.1 only, not ${this.base.hostname}`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /**
   * One JSON request. A request that fails with ECONNRESET/EPIPE on a reused keep-alive socket is
   * sent once more: the server closed that idle socket as the request went out, so it never saw it
   * (Node's documented keep-alive race; likelier while the server's event loop is blocked).
   */
  async request<T>(method: 'GET' | 'POST', path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<JsonResponse<T>> {
    try {
      return await this.send<T>(method, path, options);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      this.retries += 1;
      return this.send<T>(method, path, options).catch((again: unknown) => {
        throw again instanceof StaleSocketError ? again.cause : again;
      });
    }
  }

  /** Requests sent again after a stale keep-alive socket. */
  retries = 0;

  private send<T>(method: 'GET' | 'POST', path: string, options: { headers?: Record<string, string>; body?: unknown }): Promise<JsonResponse<T>> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if (/json/.test(res.headers['content-type'] ?? '') && text.length > 0) {
              try {
                body = JSON.parse(text);
              } catch (error) {
                reject(new Error(`${method} ${path}: bad JSON (${String(error)})`));
                return;
              }
            }
            resolve({ status: res.statusCode ?? 0, body: body as T });
          });
          res.on('error', (error) => reject(new Error(`${method} ${path}: ${error.message}`)));
        },
      );
      req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: no answer in 120 s`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const wrapped = new Error(`${method} ${path}: ${error.message}`);
        if (req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) reject(new StaleSocketError(wrapped));
        else reject(wrapped);
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Sockets in use and requests waiting for one (diagnostics). */
  pool(): { sockets: number; free: number; queued: number } {
    const count = (table: NodeJS.ReadOnlyDict<unknown[]>) => Object.values(table).reduce((n, list) => n + (list?.length ?? 0), 0);
    return { sockets: count(this.agent.sockets), free: count(this.agent.freeSockets), queued: count(this.agent.requests) };
  }

  close(): void {
    this.agent.destroy();
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

/** Runs `task(i)` for i in [0, count) with at most `limit` at once; stops early when `task` throws. */
export async function runBounded(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const index = next;
      next += 1;
      try {
        await task(index);
      } catch (error) {
        next = count; // the other lanes stop after their current task
        throw error;
      }
    }
  });
  await Promise.all(lanes);
}
