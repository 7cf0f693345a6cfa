import { z } from 'zod';
import { type CoreDeps, searchReports } from '@mottak/core';
import { graderingSchema, prioritySchema } from '@mottak/domain';
import { defineRoute, pagingQuery, type RouteSpec } from '../route';

const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'kan ikke være tom').max(500).describe('Free text and/or identifiers (phone, fødselsnummer, e-mail, IP) in any format'),
  ...pagingQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const searchResultSchema = z.object({
  total: z.number().int().describe('Hits the user may see; never counts hidden reports'),
  identifiers: z.array(z.string()),
  hits: z.array(
    z.object({
      id: z.string(),
      journalNumber: z.string(),
      title: z.string(),
      snippet: z.string().describe('HTML-escaped text with matches in <mark>'),
      category: z.string(),
      priority: prioritySchema,
      gradering: graderingSchema,
      registeredAt: z.string(),
    }),
  ),
});

/** Search over registered reports under the caller's own rights. */
export function searchRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/search',
      operationId: 'search',
      summary: 'Fritekst- og identifikatorsøk i registrerte rapporter (søket logges)',
      tag: 'Søk',
      auth: 'user',
      query: searchQuery,
      responses: { 200: { description: 'Hits, total and snippets', schema: searchResultSchema }, 503: { description: 'Search engine unavailable' } },
      async handler({ user, query }) {
        return { status: 200, body: await searchReports(deps, user, query) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
