import { z } from 'zod';
import {
  type CoreDeps,
  createSavedSearch,
  deleteSavedSearch,
  FACET_FIELDS,
  listSavedSearches,
  MAX_SAVED_SEARCHES_PER_USER,
  openSavedSearch,
  type SearchFilters,
} from '@mottak/core';
import { channelSchema, entityTypeSchema, graderingSchema, prioritySchema, reportStatusSchema } from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';

/** Values per facet field, as the search's own filter parameters allow them (at most 20, known values only). */
function values<T extends z.ZodType<string>>(value: T, what: string) {
  return z.array(value).max(20, 'høyst 20 verdier').optional().describe(`${what}; a hit has any of them`);
}

const filtersSchema = z
  .strictObject({
    category: values(z.string().trim().min(1).max(100), 'Categories'),
    priority: values(prioritySchema, 'Priorities'),
    gradering: values(graderingSchema, 'Graderinger'),
    channel: values(channelSchema, 'Channels'),
    entityType: values(entityTypeSchema, 'Entity types (the report mentions one of them)'),
    status: values(reportStatusSchema, 'Statuses'),
  })
  .default({})
  .describe('Facet filters as GET /api/v1/search takes them: any value within a field, every field');

const newSavedSearchSchema = z.strictObject({
  name: z.string().trim().min(1, 'kan ikke være tom').max(100, 'høyst 100 tegn').describe('Unique among your saved searches (case-insensitive)'),
  q: z.string().trim().min(1, 'kan ikke være tom').max(500).describe('Free text and/or identifiers, as for GET /api/v1/search'),
  filters: filtersSchema,
});

const savedSearchViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  q: z.string(),
  filters: z.record(z.string(), z.array(z.string())),
  createdAt: z.string(),
  seenAt: z.string().describe('When you last opened it; matches registered after this are new'),
  newCount: z
    .number()
    .int()
    .nullable()
    .describe('Reports registered since you last opened it that you may see now (never hidden ones); null when it cannot be counted for you'),
  unavailable: z.enum(['PERSONAL_DATA_NEED_REQUIRED']).optional().describe('Why it cannot be counted: your rights changed since you saved it'),
});

/** The filters without empty or repeated values, in the order FACET_FIELDS names them. */
function normalisedFilters(filters: z.infer<typeof filtersSchema>): SearchFilters {
  const result: SearchFilters = {};
  for (const field of FACET_FIELDS) {
    const chosen = [...new Set(filters[field] ?? [])];
    if (chosen.length > 0) result[field] = chosen;
  }
  return result;
}

const notFound = { description: 'No saved search of yours with this id (someone else’s answers the same)' };

/** Saved searches: each user's own, with new matches counted under their rights on demand. */
export function savedSearchRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/saved-searches',
      operationId: 'listSavedSearches',
      summary: 'Dine lagrede søk med antall nye treff siden du sist åpnet dem (telles med dine rettigheter nå; logges)',
      tag: 'Søk',
      auth: 'user',
      responses: { 200: { description: 'Your saved searches, by name', schema: z.object({ items: z.array(savedSearchViewSchema) }) }, 403: { description: 'Not a user who searches' } },
      async handler({ user }) {
        return { status: 200, body: { items: await listSavedSearches(deps, user) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/saved-searches',
      operationId: 'createSavedSearch',
      summary: `Lagre et søk (fritekst og filtre) under et navn; høyst ${MAX_SAVED_SEARCHES_PER_USER} per bruker (logges)`,
      tag: 'Søk',
      auth: 'user',
      body: newSavedSearchSchema,
      responses: {
        201: { description: 'The saved search', schema: savedSearchViewSchema },
        403: { description: 'Not a user who searches, or a search by a personal identifier without the personopplysninger need' },
        409: { description: `A saved search of yours already has this name, or you have ${MAX_SAVED_SEARCHES_PER_USER} already` },
      },
      async handler({ user, body }) {
        const created = await createSavedSearch(deps, user, { name: body.name, q: body.q, filters: normalisedFilters(body.filters) });
        return { status: 201, body: created, headers: { Location: `/api/v1/saved-searches/${created.id}` } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/saved-searches/:id/open',
      operationId: 'openSavedSearch',
      summary: 'Åpne et lagret søk: merker det sett nå og gir tidspunktet det ble sett før (logges; selve søket kjøres med GET /api/v1/search)',
      tag: 'Søk',
      auth: 'user',
      params: idParams,
      responses: {
        200: { description: 'The saved search, now seen, and when it was seen before', schema: z.object({ search: savedSearchViewSchema, previousSeenAt: z.string() }) },
        403: { description: 'A search by a personal identifier, and you no longer have the personopplysninger need' },
        404: notFound,
      },
      async handler({ user, params }) {
        return { status: 200, body: await openSavedSearch(deps, user, params.id) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/saved-searches/:id',
      operationId: 'deleteSavedSearch',
      summary: 'Slett et av dine lagrede søk (logges)',
      tag: 'Søk',
      auth: 'user',
      params: idParams,
      responses: { 204: { description: 'Deleted' }, 404: notFound },
      async handler({ user, params }) {
        await deleteSavedSearch(deps, user, params.id);
        return { status: 204 };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
