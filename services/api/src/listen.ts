import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

const closeHooks = new WeakMap<Express, Array<() => void>>();

/** Registers what must end when the server starts to close: long-lived responses (event streams) never finish by themselves. */
export function onServerClose(app: Express, hook: () => void): void {
  closeHooks.set(app, [...(closeHooks.get(app) ?? []), hook]);
}

export interface ListeningServer {
  url: string;
  port: number;
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound (or rejects, e.g. when it is taken). */
export function listen(app: Express, port: number, host: string): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const hook of closeHooks.get(app) ?? []) hook();
            server.closeIdleConnections();
          }),
      });
    });
  });
}
