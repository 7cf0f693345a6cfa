import { z } from 'zod';
import {
  type CoreDeps,
  DQ_DIMENSIONS,
  DQ_SEVERITIES,
  findingsToCsv,
  listQualityFindings,
  listSlaBreaches,
  MAX_SLA_WINDOW_DAYS,
  qualitySummary,
  runQualityBatch,
  SLA_BREACH_STAGES,
  slaBreachesToCsv,
} from '@mottak/core';
import { PRIORITIES } from '@mottak/domain';
import { defineRoute, type RouteSpec } from '../route';

const dimension = z.enum(DQ_DIMENSIONS);
const severity = z.enum(DQ_SEVERITIES);

const ruleSummarySchema = z.object({
  ruleId: z.string(),
  dimension,
  severity,
  applicable: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  score: z.number().describe('Share of applicable reports passing, 0–100'),
});
const groupSchema = z.object({
  key: z.string(),
  reports: z.number().int(),
  score: z.number().describe('Mean report score, 0–100'),
  blockingFindings: z.number().int(),
  warningFindings: z.number().int(),
});
const runSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  startedBy: z.string(),
  catalogueVersion: z.string(),
  summary: z.object({
    reports: z.number().int(),
    score: z.number(),
    byRule: z.array(ruleSummarySchema),
    byCategory: z.array(groupSchema),
    byCoordinator: z.array(groupSchema),
    byWeek: z.array(groupSchema).describe('ISO weeks, e.g. 2026-W10'),
  }),
});

const findingsQuery = z.strictObject({
  ruleId: z.string().max(64).optional(),
  severity: severity.optional(),
  dimension: dimension.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json').describe('csv answers text/csv'),
});

const findingSchema = z.object({
  reportId: z.string(),
  journalNumber: z.string().optional(),
  ruleId: z.string(),
  dimension,
  severity,
  message: z.string(),
  evaluatedAt: z.string(),
});

const DAY_MS = 86_400_000;
const instant = z.iso.datetime({ offset: true });

const slaBreachQuery = z.strictObject({
  from: instant.optional().describe('Reports received at or after this instant; default 7 days before `to`'),
  to: instant.optional().describe('Reports received before this instant; default now'),
  stage: z.enum(SLA_BREACH_STAGES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  ongoing: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only steps still not done; false: only steps done late'),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json').describe('csv answers text/csv'),
});

const slaBreachSchema = z.object({
  reportId: z.string(),
  journalNumber: z.string().optional(),
  ruleId: z.string(),
  priority: z.enum(PRIORITIES),
  priorityAssumed: z.boolean().describe('Not assessed yet: the clock runs as for P1'),
  stage: z.enum(SLA_BREACH_STAGES),
  receivedAt: z.string(),
  deadline: z.string(),
  doneAt: z.string().optional().describe('Absent while the step is still not done'),
  minutesLate: z.number().int(),
});

/** Data quality for supervisors: batch runs on demand, the latest summary, findings with filters (JSON or CSV), SLA breaches. */
export function qualityRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/quality/runs',
      operationId: 'runQuality',
      summary: 'Kjør datakvalitetsreglene over alle registrerte journalposter du kan lese (lagrer poengsum og funn)',
      tag: 'Kontroll',
      auth: 'user',
      responses: { 201: { description: 'The finished run with its summary', schema: runSchema }, 403: { description: 'Not a supervisor' } },
      async handler({ user }) {
        return { status: 201, body: await runQualityBatch(deps, user) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/quality/summary',
      operationId: 'qualitySummary',
      summary: 'Datakvalitet per regel, kategori, koordinator og uke (siste kjøring)',
      tag: 'Kontroll',
      auth: 'user',
      responses: { 200: { description: 'The latest run', schema: runSchema }, 403: { description: 'Not a supervisor' }, 404: { description: 'No run yet' } },
      async handler({ user }) {
        const run = await qualitySummary(deps, user);
        if (!run) return { status: 404, body: { type: '/problems/not-found', title: 'Finnes ikke', status: 404, code: 'NOT_FOUND', detail: 'Ingen datakvalitetskjøring ennå' } };
        return { status: 200, body: run };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/quality/findings',
      operationId: 'qualityFindings',
      summary: 'Datakvalitetsfunn med filtre (regel, alvorlighet, dimensjon); format=csv gir text/csv',
      tag: 'Kontroll',
      auth: 'user',
      query: findingsQuery,
      responses: {
        200: { description: 'Findings for reports you may read', schema: z.object({ total: z.number().int(), items: z.array(findingSchema) }) },
        403: { description: 'Not a supervisor' },
      },
      async handler({ user, query }) {
        const { format, ...filters } = query;
        const page = await listQualityFindings(deps, user, filters);
        if (format === 'csv') {
          return {
            status: 200,
            text: findingsToCsv(page.items),
            headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="datakvalitet-funn.csv"' },
          };
        }
        return { status: 200, body: page };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/quality/sla-breaches',
      operationId: 'slaBreaches',
      summary: `Brudd på tidsfrister (vurdering og registrering per prioritet) for rapporter mottatt i et tidsrom på høyst ${MAX_SLA_WINDOW_DAYS} dager; format=csv gir text/csv`,
      tag: 'Kontroll',
      auth: 'user',
      query: slaBreachQuery,
      responses: {
        200: {
          description: 'Missed deadlines of reports you may read, newest deadline first',
          schema: z.object({ asOf: z.string(), from: z.string(), to: z.string(), total: z.number().int(), items: z.array(slaBreachSchema) }),
        },
        400: { description: 'A bad window (to before from, or too wide)' },
        403: { description: 'Not a supervisor' },
      },
      async handler({ user, query }) {
        const { format, from, to, ...filters } = query;
        const end = to ?? deps.clock.now().toISOString();
        const start = from ?? new Date(Date.parse(end) - 7 * DAY_MS).toISOString();
        const list = await listSlaBreaches(deps, user, { ...filters, from: start, to: end });
        if (format === 'csv') {
          return {
            status: 200,
            text: slaBreachesToCsv(list.items),
            headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="tidsfristbrudd.csv"' },
          };
        }
        return { status: 200, body: list };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
