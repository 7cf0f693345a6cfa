import { z } from 'zod';
import { addHandoverNote, type CoreDeps, listHandover } from '@mottak/core';
import { graderingSchema, HANDOVER_OPEN_STATUSES, handoverNoteSchema, newHandoverNoteSchema, prioritySchema, reportStatusSchema } from '@mottak/domain';
import { defineRoute, idParams, pagingQuery, type RouteSpec } from '../route';

const handoverItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: reportStatusSchema,
  gradering: graderingSchema,
  receivedAt: z.string(),
  priority: prioritySchema.optional(),
  category: z.string().optional(),
  journalNumber: z.string().optional(),
  noteCount: z.number().int(),
  latestNote: handoverNoteSchema,
  personalDataMasked: z.literal(true).optional(),
});

/** Shift handover notes (overleveringsnotater) on open reports, and the «Overlevering» view. */
export function handoverRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/handover-notes',
      operationId: 'addHandoverNote',
      summary: 'Skriv et overleveringsnotat på en åpen rapport til neste vakt (journalføres med hvem og når, ikke teksten)',
      tag: 'Mottak',
      auth: 'user',
      params: idParams,
      body: newHandoverNoteSchema,
      responses: {
        201: { description: 'The note and the report version it produced', schema: z.object({ reportId: z.string(), version: z.number().int(), note: handoverNoteSchema }) },
        403: { description: 'You may read the report but not change it' },
        404: { description: 'No such report, or not visible to you' },
        409: { description: `The report is not open (${HANDOVER_OPEN_STATUSES.join(', ')}), or holds the most notes allowed` },
      },
      async handler({ user, params, body }) {
        return { status: 201, body: await addHandoverNote(deps, user, params.id, body) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/handover',
      operationId: 'listHandover',
      summary: 'Overlevering: åpne rapporter du kan lese med overleveringsnotater, hver med siste notat (lesingen logges)',
      tag: 'Mottak',
      auth: 'user',
      query: z.strictObject(pagingQuery),
      responses: {
        200: { description: 'A page of open reports with notes, most recently noted first', schema: z.object({ total: z.number().int(), items: z.array(handoverItemSchema) }) },
        403: { description: 'Not a coordinator or supervisor' },
      },
      async handler({ user, query }) {
        return { status: 200, body: await listHandover(deps, user, query) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
