import { z } from 'zod';
import { type CoreDeps, JOB_LATENCY_BUCKETS_MS, type JobLatency, jobCounts, jobLatency } from '@mottak/core';
import { defineRoute, type RouteSpec } from '../route';

/** Responses served since start, by status class; counted by the app for /metrics. */
export class HttpCounters {
  readonly byClass = new Map<string, number>();

  count(status: number): void {
    const statusClass = `${Math.floor(status / 100)}xx`;
    this.byClass.set(statusClass, (this.byClass.get(statusClass) ?? 0) + 1);
  }
}

/**
 * Prometheus metrics: queue depth per state, job latency (enqueue to completion, a histogram),
 * indexing lag (outbox entries not yet in the index) and HTTP responses by status class. Counts cover every report, whatever its gradering, so only
 * users who may see the job queue (fagansvarlig, admin) may read them; a scraper uses a bearer token.
 */
export function metricsRoutes(deps: CoreDeps, counters: HttpCounters): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus-målinger: kødybde per tilstand, jobbtid fra kø til ferdig, indekseringsetterslep, HTTP-svar (fagansvarlig, admin)',
      tag: 'Drift',
      auth: 'user',
      responses: { 200: { description: 'Prometheus text format 0.0.4', schema: z.string(), contentType: 'text/plain' } },
      async handler({ user }) {
        const jobs = await jobCounts(deps, user);
        const latency = await jobLatency(deps, user);
        const pending = await deps.store.pendingOutboxCount();
        const lines = [
          '# HELP mottak_jobs Jobs in the queue per state.',
          '# TYPE mottak_jobs gauge',
          ...Object.entries(jobs).map(([state, count]) => `mottak_jobs{state="${state}"} ${count}`),
          '# HELP mottak_job_latency_seconds Time from enqueue to completion of completed jobs (waiting and retries included), by job name.',
          '# TYPE mottak_job_latency_seconds histogram',
          ...latency.flatMap(latencyLines),
          '# HELP mottak_indexing_lag Registered reports whose latest version is not yet in the search index.',
          '# TYPE mottak_indexing_lag gauge',
          `mottak_indexing_lag ${pending}`,
          '# HELP mottak_http_responses_total HTTP responses since start by status class.',
          '# TYPE mottak_http_responses_total counter',
          ...[...counters.byClass.entries()].sort().map(([statusClass, count]) => `mottak_http_responses_total{class="${statusClass}"} ${count}`),
        ];
        return { status: 200, text: `${lines.join('\n')}\n`, headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' } };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}

/** One job name's histogram in Prometheus form: cumulative buckets in seconds, +Inf, sum and count. */
function latencyLines(latency: JobLatency): string[] {
  const job = `job_name="${latency.name.replace(/["\\\n]/g, '_')}"`;
  let cumulative = 0;
  const buckets = JOB_LATENCY_BUCKETS_MS.map((boundMs, i) => {
    cumulative += latency.buckets[i] ?? 0;
    return `mottak_job_latency_seconds_bucket{${job},le="${boundMs / 1000}"} ${cumulative}`;
  });
  return [
    ...buckets,
    `mottak_job_latency_seconds_bucket{${job},le="+Inf"} ${latency.count}`,
    `mottak_job_latency_seconds_sum{${job}} ${latency.sumMs / 1000}`,
    `mottak_job_latency_seconds_count{${job}} ${latency.count}`,
  ];
}
