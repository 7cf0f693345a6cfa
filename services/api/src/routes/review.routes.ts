import { z } from 'zod';
import { type CoreDeps, drawReviewSample, getReviewSample, listReviewSamples, recordReviewVerdict, reviewSampleToCsv } from '@mottak/core';
import { REVIEW_STRATA, REVIEW_VERDICTS, reviewSampleRequestSchema, reviewVerdictRequestSchema } from '@mottak/domain';
import { defineRoute, type RouteSpec } from '../route';

const TAG = 'Kontroll';

const verdictSchema = z.object({ verdict: z.enum(REVIEW_VERDICTS), comment: z.string(), reviewer: z.string(), at: z.string() });
const itemSchema = z.object({
  reportId: z.string(),
  journalNumber: z.string(),
  stratum: z.string(),
  registeredBy: z.string(),
  verdict: verdictSchema.optional().describe('Absent until a second person has reviewed it'),
});
const sampleFields = {
  id: z.string(),
  drawnAt: z.string(),
  drawnBy: z.string(),
  from: z.string(),
  to: z.string(),
  percentage: z.number(),
  stratifyBy: z.enum(REVIEW_STRATA),
  minPerStratum: z.number().int(),
  population: z.number().int().describe('Registered reports in the period the drawer could read'),
  strata: z.array(z.object({ stratum: z.string(), population: z.number().int(), drawn: z.number().int() })),
};
const sampleSchema = z.object({ ...sampleFields, items: z.array(itemSchema).describe('Only the reports you may read now') });
const summarySchema = z.object({ ...sampleFields, items: z.number().int(), decided: z.number().int(), deviations: z.number().int() });
const sampleParams = z.strictObject({ id: z.string().min(1).max(100) });
const itemParams = z.strictObject({ id: z.string().min(1).max(100), reportId: z.string().min(1).max(100) });
const notFound = { description: 'No such sample, or a report not in it or not visible to you (same answer)' };

/** Four-eyes review of random, stratified samples of registered reports (stikkprøvekontroll), for supervisors. */
export function reviewRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/quality/review-samples',
      operationId: 'drawReviewSample',
      summary: 'Trekk en tilfeldig, stratifisert stikkprøve av registrerte journalposter til kontroll (fire øyne)',
      tag: TAG,
      auth: 'user',
      body: reviewSampleRequestSchema,
      responses: { 201: { description: 'The sample drawn', schema: sampleSchema }, 400: { description: 'A bad period or percentage' }, 403: { description: 'Not a supervisor' } },
      async handler({ user, body }) {
        const sample = await drawReviewSample(deps, user, body);
        return { status: 201, body: sample, headers: { Location: `/api/v1/quality/review-samples/${sample.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/quality/review-samples',
      operationId: 'listReviewSamples',
      summary: 'Stikkprøver, nyeste først, med hvor mange som er kontrollert og hvor mange avvik',
      tag: TAG,
      auth: 'user',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: { 200: { description: 'Samples', schema: z.array(summarySchema) }, 403: { description: 'Not a supervisor' } },
      async handler({ user, query }) {
        return { status: 200, body: await listReviewSamples(deps, user, query.limit) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/quality/review-samples/:id',
      operationId: 'getReviewSample',
      summary: 'En stikkprøve med journalpostene og vurderingene; format=csv gir text/csv',
      tag: TAG,
      auth: 'user',
      params: sampleParams,
      query: z.strictObject({ format: z.enum(['json', 'csv']).default('json').describe('csv answers text/csv') }),
      responses: { 200: { description: 'The sample', schema: sampleSchema }, 403: { description: 'Not a supervisor' }, 404: notFound },
      async handler({ user, params, query }) {
        const sample = await getReviewSample(deps, user, params.id);
        if (query.format === 'csv') {
          return {
            status: 200,
            text: reviewSampleToCsv(sample),
            headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="stikkprove.csv"' },
          };
        }
        return { status: 200, body: sample };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/quality/review-samples/:id/items/:reportId/verdict',
      operationId: 'recordReviewVerdict',
      summary: 'Registrer kontrollørens vurdering (godkjent eller avvik med begrunnelse); aldri av den som registrerte journalposten',
      tag: TAG,
      auth: 'user',
      params: itemParams,
      body: reviewVerdictRequestSchema,
      responses: {
        200: { description: 'The item with its verdict', schema: itemSchema },
        403: { description: 'Not a supervisor, or you registered the report yourself (SAME_PERSON)' },
        404: notFound,
        409: { description: 'Already reviewed (REVIEW_ALREADY_DECIDED)' },
      },
      async handler({ user, params, body }) {
        return { status: 200, body: await recordReviewVerdict(deps, user, params.id, params.reportId, body) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
