import { z } from 'zod';
import {
  breakGlassRead,
  changeMarking,
  type CoreDeps,
  decideApproval,
  listApprovals,
  listBreakGlassUses,
  requestGrant,
  revokeSessions,
} from '@mottak/core';
import {
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  compartmentSchema,
  GRANT_MAX_HOURS,
  graderingSchema,
  markingChangeSchema,
  reportSchema,
  usernameSchema,
} from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';

const reasonSchema = z.string().trim().min(10, 'begrunn med minst 10 tegn').max(2000);

export const approvalSchema = z
  .object({
    id: z.string(),
    kind: z.enum(APPROVAL_KINDS),
    reportId: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    reason: z.string(),
    grantee: z.string().optional(),
    grantHours: z.number().int().optional(),
    change: markingChangeSchema.optional(),
    status: z.enum(APPROVAL_STATUSES),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionNote: z.string().optional(),
    expiresAt: z.string().optional(),
  })
  .describe('A request one person makes and a second, different person decides');

const breakGlassUseSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  reportId: z.string().optional(),
  reason: z.string(),
  outcome: z.string(),
  neededGlass: z.boolean().optional(),
});

/**
 * Need-to-know beyond the ordinary rules: time-limited grants, break-glass, four-eyes marking
 * changes and session revocation. Every route here is audited by the use case behind it.
 */
export function accessRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/break-glass',
      operationId: 'breakGlassReadReport',
      summary: 'Nødtilgang: åpne en rapport utenfor tjenstlig behov med begrunnelse (varsles fagansvarlig, aldri over klarering)',
      tag: 'Tilgang',
      auth: 'user',
      params: idParams,
      body: z.strictObject({ reason: reasonSchema }),
      responses: { 200: { description: 'The report, flagged in the audit log', schema: reportSchema }, 404: { description: 'Missing or above your klarering (same answer)' } },
      async handler({ user, params, body }) {
        return { status: 200, body: await breakGlassRead(deps, user, params.id, body.reason) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/marking',
      operationId: 'changeReportMarking',
      summary: 'Endre gradering og rom: strengere gjelder straks, nedgradering og fjerning av rom krever godkjenning av en annen (fire øyne)',
      tag: 'Tilgang',
      auth: 'user',
      params: idParams,
      body: z.strictObject({
        gradering: graderingSchema,
        compartments: z.array(compartmentSchema).max(20),
        reason: reasonSchema,
        expectedVersion: z.number().int().min(1).optional(),
      }),
      responses: {
        200: { description: 'Applied at once (stricter marking)', schema: z.object({ status: z.literal('applied'), report: reportSchema }) },
        202: { description: 'Waiting for a second person', schema: z.object({ status: z.literal('pending'), request: approvalSchema }) },
        404: { description: 'Missing or not visible to you' },
        409: { description: 'Changed since read (expectedVersion)' },
      },
      async handler({ user, params, body }) {
        const outcome = await changeMarking(deps, user, params.id, body);
        return outcome.kind === 'applied'
          ? { status: 200, body: { status: 'applied', report: outcome.report } }
          : { status: 202, body: { status: 'pending', request: outcome.request }, headers: { Location: `/api/v1/approvals/${outcome.request.id}` } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/approvals',
      operationId: 'requestGrant',
      summary: 'Be om tidsbegrenset tilgang (tjenstlig behov) til én rapport; en fagansvarlig avgjør',
      tag: 'Tilgang',
      auth: 'user',
      body: z.strictObject({
        reportId: z.string().min(1).max(100).describe('Id of the report; the answer is the same whether it exists or not'),
        reason: reasonSchema,
        hours: z.number().int().min(1).max(GRANT_MAX_HOURS).optional(),
      }),
      responses: { 202: { description: 'Request recorded, waiting for a decision', schema: approvalSchema } },
      async handler({ user, body }) {
        const request = await requestGrant(deps, user, body);
        return { status: 202, body: request, headers: { Location: `/api/v1/approvals/${request.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/approvals',
      operationId: 'listApprovals',
      summary: 'Forespørsler: fagansvarlige ser alle, andre bare sine egne',
      tag: 'Tilgang',
      auth: 'user',
      query: z.strictObject({
        status: z.enum(APPROVAL_STATUSES).optional(),
        kind: z.enum(APPROVAL_KINDS).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      responses: { 200: { description: 'Newest first', schema: z.array(approvalSchema) } },
      async handler({ user, query }) {
        return { status: 200, body: await listApprovals(deps, user, query) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/approvals/:id/decision',
      operationId: 'decideApproval',
      summary: 'Godkjenn eller avslå (fagansvarlig, aldri den som ba om det)',
      tag: 'Tilgang',
      auth: 'user',
      params: idParams,
      body: z.strictObject({ approve: z.boolean(), note: z.string().trim().max(2000).optional() }),
      responses: {
        200: { description: 'Decided (and applied, for an approved marking change)', schema: z.object({ request: approvalSchema, report: reportSchema.optional() }) },
        403: { description: 'Not a supervisor, or the requester themselves (four eyes)' },
        409: { description: 'Already decided' },
      },
      async handler({ user, params, body }) {
        return { status: 200, body: await decideApproval(deps, user, params.id, { approve: body.approve, ...(body.note ? { note: body.note } : {}) }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/break-glass',
      operationId: 'listBreakGlassUses',
      summary: 'Bruk av nødtilgang, nyeste først (fagansvarlig og revisor)',
      tag: 'Tilgang',
      auth: 'user',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      responses: { 200: { description: 'Every break-glass use with its reason', schema: z.array(breakGlassUseSchema) } },
      async handler({ user, query }) {
        return { status: 200, body: await listBreakGlassUses(deps, user, query.limit) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/users/:username/sessions',
      operationId: 'revokeSessions',
      summary: 'Avslutt alle økter for en bruker (administrator)',
      tag: 'Administrasjon',
      auth: 'user',
      params: z.strictObject({ username: usernameSchema }),
      responses: { 200: { description: 'How many sessions ended', schema: z.object({ revoked: z.number().int() }) } },
      async handler({ user, params }) {
        return { status: 200, body: { revoked: await revokeSessions(deps, user, params.username) } };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
