import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../route';

/** Checks the engines the process depends on; returns the name and state of each. */
export type Readiness = () => Promise<Record<string, boolean>>;

/** Liveness and readiness for orchestrators and the start script. */
export function healthRoutes(readiness: Readiness): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'healthz',
      summary: 'Prosessen lever',
      tag: 'Drift',
      auth: 'none',
      responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
      async handler() {
        return { status: 200, body: { status: 'ok' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'readyz',
      summary: 'Klar til å ta imot trafikk (alle motorer svarer)',
      tag: 'Drift',
      auth: 'none',
      responses: {
        200: { description: 'Ready', schema: z.object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.boolean()) }) },
        503: { description: 'An engine is not answering' },
      },
      async handler() {
        const checks = await readiness().catch(() => ({ engines: false }));
        const ready = Object.values(checks).every(Boolean);
        return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not_ready', checks } };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
