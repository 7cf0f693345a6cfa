import { z } from 'zod';
import { type CoreDeps, FACET_FIELDS, type FacetField, searchReports, type SearchFilters } from '@mottak/core';
import { CHANNELS, ENTITY_TYPES, GRADERINGER, graderingSchema, PRIORITIES, prioritySchema, REPORT_STATUSES } from '@mottak/domain';
import { defineRoute, pagingQuery, type RouteSpec } from '../route';

/**
 * A facet filter parameter: comma-separated values, any of which a hit must have. With `allowed`,
 * only those values; otherwise (category) short free-form names.
 */
function facetFilter(what: string, allowed?: readonly string[]) {
  return z
    .string()
    .max(1000)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const values = [...new Set(value.split(',').map((v) => v.trim()).filter((v) => v.length > 0))];
      const bad = values.filter((v) => (allowed ? !allowed.includes(v) : v.length > 100));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `ukjent verdi: ${bad.join(', ')}` });
      if (values.length > 20) ctx.addIssue({ code: 'custom', message: 'høyst 20 verdier' });
      return values;
    })
    .describe(`Comma-separated ${what}${allowed ? `: ${allowed.join(', ')}` : ''}; a hit has any of them`);
}

const norwegianDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'bruk ÅÅÅÅ-MM-DD').refine((value) => !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value), 'ikke en gyldig dato');

const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'kan ikke være tom').max(500).describe('Free text and/or identifiers (phone, fødselsnummer, e-mail, IP) in any format'),
  category: facetFilter('categories'),
  priority: facetFilter('priorities', PRIORITIES),
  gradering: facetFilter('graderinger', GRADERINGER),
  channel: facetFilter('channels', CHANNELS),
  entityType: facetFilter('entity types (the report mentions one of them)', ENTITY_TYPES),
  status: facetFilter('statuses', REPORT_STATUSES),
  from: norwegianDate.optional().describe('Period: registered on or after this Norwegian date (YYYY-MM-DD)'),
  to: norwegianDate.optional().describe('Period: registered on or before this Norwegian date (YYYY-MM-DD)'),
  ...pagingQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'fra-datoen må være før til-datoen', path: ['to'] });

const facetBucketsSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
const facetsSchema = z
  .object(Object.fromEntries(FACET_FIELDS.map((field) => [field, facetBucketsSchema])) as Record<FacetField, typeof facetBucketsSchema>)
  .describe('Hits per value under the same query, filters and access (hidden reports never count); most first, at most 50 values');

const searchResultSchema = z.object({
  total: z.number().int().describe('Hits the user may see; never counts hidden reports'),
  identifiers: z.array(z.string()),
  facets: facetsSchema,
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
      responses: { 200: { description: 'Hits, total, facets and snippets', schema: searchResultSchema }, 503: { description: 'Search engine unavailable' } },
      async handler({ user, query }) {
        const filters: SearchFilters = {};
        for (const field of FACET_FIELDS) {
          const values = query[field];
          if (values) filters[field] = values;
        }
        const period = query.from || query.to ? { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) } : undefined;
        return { status: 200, body: await searchReports(deps, user, { q: query.q, filters, ...(period ? { period } : {}), limit: query.limit, offset: query.offset }) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
