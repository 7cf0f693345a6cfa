import { z } from 'zod';
import {
  type CoreDeps,
  type Principal,
  getReport,
  listReports,
  receiveReport,
  registerReport,
  reportJournal,
} from '@mottak/core';
import {
  compartmentSchema,
  DomainError,
  graderingSchema,
  newReportSchema,
  prioritySchema,
  REPORT_STATUSES,
  type Report,
  reportSchema,
  reportStatusSchema,
  seenBeforeSchema,
  skjermingSchema,
  sourceGradingSchema,
} from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import { defineRoute, idParams, pagingQuery, type RouteSpec } from '../route';

const receiptSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  receivedAt: z.string(),
  statusUrl: z.string(),
});

const statusSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  receivedAt: z.string(),
  assessed: z.boolean(),
  journalNumber: z.string().optional(),
  indexed: z.boolean(),
});

const assessmentProgressSchema = z
  .object({
    state: z.enum(['waiting', 'running', 'retrying', 'failed', 'missing']),
    attempts: z.number().int().describe('Failed attempts so far'),
    maxAttempts: z.number().int(),
    lastError: z.string().optional(),
  })
  .describe('Only while the report waits for its first assessment (mottatt): a failed assessment is retried, then left for a supervisor to replay — the report is kept either way');

/** A report in a list: as this reader may see it, with how its first assessment is going while it waits for one. */
const listedReportSchema = reportSchema.extend({ assessmentProgress: assessmentProgressSchema.optional() });

/** One opened report: the report as this reader may see it, plus what was seen before it (bounded lists, under the reader's access). */
const openedReportSchema = reportSchema.extend({
  assessmentProgress: assessmentProgressSchema.optional(),
  personalDataMasked: z.literal(true).optional().describe('Set when personal identifiers were masked for this reader'),
  ...seenBeforeSchema.shape,
});

const journalEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectId: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const registrationRequestSchema = z.strictObject({
  priority: prioritySchema.optional().describe('Omit to confirm the suggested priority'),
  category: z.string().trim().min(1).max(100).optional().describe('Omit to confirm the suggested category'),
  gradering: graderingSchema,
  compartments: z.array(compartmentSchema).max(20).optional(),
  skjerming: skjermingSchema.optional(),
  sourceGrading: sourceGradingSchema.optional().describe('Final Admiralty grading (source A–F, information 1–6); may also be set later'),
  note: z.string().max(2000).optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'bare synlige ASCII-tegn');

const listQuery = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const statuses = value.split(',');
      const bad = statuses.filter((s) => !(REPORT_STATUSES as readonly string[]).includes(s));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `ukjent status: ${bad.join(', ')}` });
      return statuses as Array<(typeof REPORT_STATUSES)[number]>;
    })
    .describe(`Comma-separated statuses: ${REPORT_STATUSES.join(', ')}`),
  order: z
    .enum(['newest', 'triage'])
    .default('newest')
    .describe('newest: newest received first; triage: most urgent suggested priority first (P1 … P4, then unassessed), longest waiting first within it'),
  ...pagingQuery,
});

/** Intake, the coordinator's queue, one report, its journal, and registration. */
export function reportRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports',
      operationId: 'receiveReport',
      summary: 'Motta en rapport (tipsskjema uten innlogging, partner med API-nøkkel, koordinator innlogget)',
      tag: 'Mottak',
      auth: 'intake',
      body: newReportSchema,
      // Base64 attachments make the body larger than an ordinary request (up to one attachment's limit more).
      largeBody: true,
      headers: [{ name: 'Idempotency-Key', description: 'A repeat with the same key returns the first answer and creates nothing new' }],
      responses: {
        202: { description: 'Stored durably as mottatt; assessment follows', schema: receiptSchema },
        413: { description: 'Body over the limit, or an attachment over MOTTAK_ATTACHMENT_LIMIT_BYTES (ATTACHMENT_TOO_LARGE, naming the field)' },
        429: { description: 'Too many tips from this client' },
      },
      async handler({ req, body, principal }) {
        const rawKey = req.get('Idempotency-Key');
        let key: string | undefined;
        if (rawKey !== undefined) {
          const parsed = idempotencyKeySchema.safeParse(rawKey);
          if (!parsed.success) throw new DomainError('VALIDATION_FAILED', 'Ugyldig Idempotency-Key', { field: 'header.Idempotency-Key' });
          key = parsed.data;
        }
        const { report, replayed } = await receiveReport(deps, principal, body, key);
        const statusUrl = `/api/v1/reports/${report.id}/status`;
        return {
          status: 202,
          headers: { Location: statusUrl, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
          body: { id: report.id, status: 'mottatt', receivedAt: report.receivedAt, statusUrl },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports',
      operationId: 'listReports',
      summary: 'Rapporter brukeren har tilgang til, nyeste først (koordinatorens kø)',
      tag: 'Rapporter',
      auth: 'user',
      query: listQuery,
      responses: { 200: { description: 'A page of reports', schema: z.object({ total: z.number().int(), items: z.array(listedReportSchema) }) } },
      async handler({ user, query }) {
        const result = await listReports(deps, user, { ...(query.status ? { statuses: query.status } : {}), order: query.order, limit: query.limit, offset: query.offset });
        return { status: 200, body: result };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id',
      operationId: 'getReport',
      summary: 'Én rapport med førstehåndsvurdering (lesingen logges)',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      responses: {
        200: {
          description:
            'The report with near-duplicates (SimHash similarity ≥ 0.85, at most 10) and identifiers also found in earlier reports (at most 20 identifiers, 5 journal numbers each), counted only over reports you may see',
          schema: openedReportSchema,
        },
        404: { description: 'Missing or not visible to you (same answer)' },
      },
      async handler({ user, params }) {
        return { status: 200, body: await getReport(deps, user, params.id) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/status',
      operationId: 'getReportStatus',
      summary: 'Behandlingsstatus (for brukere med tilgang, og for partneren som sendte rapporten)',
      tag: 'Mottak',
      auth: 'intake',
      params: idParams,
      responses: { 200: { description: 'Status', schema: statusSchema }, 404: { description: 'Missing or not visible to you' } },
      async handler({ params, principal }) {
        const visible = await reportForStatus(deps, principal, params.id);
        if (!visible) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
        return {
          status: 200,
          body: {
            id: visible.id,
            status: visible.status,
            receivedAt: visible.receivedAt,
            assessed: visible.assessment !== undefined,
            ...(visible.registration ? { journalNumber: visible.registration.journalNumber } : {}),
            indexed: visible.indexedAt !== undefined,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/journal',
      operationId: 'getReportJournal',
      summary: 'Endringslogg for én rapport (hvem, når, hva, gammel → ny verdi)',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'Journal entries, oldest first', schema: z.array(journalEntrySchema) } },
      async handler({ user, params }) {
        return { status: 200, body: await reportJournal(deps, user, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/registration',
      operationId: 'registerReport',
      summary: 'Registrer rapporten som journalpost med neste journalnummer (bekreft eller overstyr vurderingen)',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      body: registrationRequestSchema,
      responses: {
        201: { description: 'Registered', schema: reportSchema },
        404: { description: 'Missing or not visible to you' },
        409: { description: 'Not in status vurdert, or changed since read (expectedVersion)' },
      },
      async handler({ user, params, body }) {
        const report = await registerReport(deps, user, params.id, body);
        return { status: 201, body: report, headers: { Location: `/api/v1/reports/${report.id}` } };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}

export { journalEntrySchema };

/** A user sees the status of what they may read; a partner only of what it sent itself; the public nothing. */
async function reportForStatus(deps: CoreDeps, principal: Principal, id: string): Promise<Report | undefined> {
  if (principal.kind === 'user') return deps.store.get(id, reportAccessCondition(defineAbilityFor(principal.user)));
  if (principal.kind !== 'partner') return undefined;
  const report = await deps.store.get(id, { kind: 'all' });
  return report?.source.kind === 'partner' && report.source.partnerId === principal.partner.id ? report : undefined;
}
