import { z } from 'zod';
import { type CoreDeps, listDueForRetention, requestDisposal } from '@mottak/core';
import { GRADERINGER, REPORT_STATUSES, retentionDueKindSchema } from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';
import { approvalSchema } from './access.routes';

const dueItemSchema = z.object({
  reportId: z.string(),
  journalNumber: z.string(),
  category: z.string(),
  registeredAt: z.string(),
  status: z.enum(REPORT_STATUSES),
  gradering: z.enum(GRADERINGER),
  dueAt: z.string().describe('When the report became due under its rule'),
  ruleCategory: z.string().describe('The rule applied: the category itself or `*`'),
  years: z.number().int(),
});

const duePageSchema = z.object({
  kind: retentionDueKindSchema,
  at: z.string(),
  ruleSetVersion: z.string(),
  items: z.array(dueItemSchema),
  nextCursor: z.string().optional().describe('Pass as `cursor` for the next page; absent on the last page'),
});

/** Retention and disposal (kassasjon): what is due, and asking for a four-eyes disposal. */
export function retentionRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/retention/due',
      operationId: 'listRetentionDue',
      summary: 'Journalposter som skal vurderes eller kan kasseres etter bevaringsreglene (fagansvarlig); ikke de som hører til en åpen sak',
      tag: 'Bevaring',
      auth: 'user',
      query: z.strictObject({
        kind: retentionDueKindSchema,
        at: z.iso.datetime({ offset: true }).optional().describe('Point in time to evaluate at; now when absent'),
        cursor: z.string().max(500).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      responses: { 200: { description: 'One page, in registration order', schema: duePageSchema }, 403: { description: 'Not a fagansvarlig' } },
      async handler({ user, query }) {
        return { status: 200, body: await listDueForRetention(deps, user, query) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/disposal',
      operationId: 'requestDisposal',
      summary: 'Be om kassasjon av en journalpost som er forfalt for kassasjon; en annen fagansvarlig godkjenner (fire øyne)',
      tag: 'Bevaring',
      auth: 'user',
      params: idParams,
      body: z.strictObject({ reason: z.string().trim().min(10, 'begrunn med minst 10 tegn').max(2000) }),
      responses: {
        202: { description: 'Request recorded, waiting for a second fagansvarlig', schema: approvalSchema },
        404: { description: 'Missing or not visible to you' },
        409: { description: 'Not due for disposal (NOT_DUE_FOR_DISPOSAL), already disposed, in an open case, or a request is already pending' },
      },
      async handler({ user, params, body }) {
        const request = await requestDisposal(deps, user, params.id, body);
        return { status: 202, body: request, headers: { Location: `/api/v1/approvals/${request.id}` } };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
