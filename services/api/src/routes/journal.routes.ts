import { z } from 'zod';
import { type CoreDeps, dailyJournal } from '@mottak/core';
import { prioritySchema, reportStatusSchema } from '@mottak/domain';
import { defineRoute, type RouteSpec } from '../route';

const dailyQuery = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'bruk ÅÅÅÅ-MM-DD').describe('Norwegian local date, e.g. 2026-11-23'),
});

const dailyJournalSchema = z.object({
  date: z.string(),
  from: z.string().describe('Start of the day (UTC instant, inclusive)'),
  to: z.string().describe('End of the day (UTC instant, exclusive)'),
  rows: z.array(
    z.object({
      journalNumber: z.string(),
      reportId: z.string(),
      registeredAt: z.string(),
      registeredBy: z.string(),
      title: z.string(),
      status: reportStatusSchema,
      priority: prioritySchema,
      category: z.string(),
    }),
  ),
});

/** The daily journal for supervisors and auditors. */
export function journalRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/journal/daily',
      operationId: 'dailyJournal',
      summary: 'Dagens journal: hvem registrerte hva en gitt dag (bare journalposter du kan lese; lesingen logges)',
      tag: 'Kontroll',
      auth: 'user',
      query: dailyQuery,
      responses: { 200: { description: 'Registrations that day in journal number order', schema: dailyJournalSchema }, 403: { description: 'Not a supervisor or auditor' } },
      async handler({ user, query }) {
        return { status: 200, body: await dailyJournal(deps, user, query.date) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
