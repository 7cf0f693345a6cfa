import { z } from 'zod';
import { changeCaseStatus, type CoreDeps, createCase, getCase, linkReportToCase, listCases, unlinkReportFromCase } from '@mottak/core';
import { caseSchema, caseStatusChangeSchema, caseStatusSchema, newCaseSchema, reportSchema } from '@mottak/domain';
import { defineRoute, idParams, pagingQuery, type RouteSpec } from '../route';

const caseSummarySchema = caseSchema.extend({ reportCount: z.number().int().describe('Reports in the case you may read; hidden ones are not counted') });
const caseViewSchema = caseSummarySchema.extend({ reports: z.array(reportSchema) });
const linkParams = z.strictObject({ id: z.string().min(1).max(100), reportId: z.string().min(1).max(100) });
const listQuery = z.strictObject({ status: caseStatusSchema.optional(), ...pagingQuery });
const pageQuery = z.strictObject(pagingQuery);
const hidden = { description: 'No such case, or the report is missing or not visible to you' };

/** Cases (saker): their own numbers and status, and the reports linked to them. */
export function caseRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/cases',
      operationId: 'createCase',
      summary: 'Opprett en sak med neste saksnummer (SAK-ÅÅÅÅ-NNNN)',
      tag: 'Saker',
      auth: 'user',
      body: newCaseSchema,
      responses: { 201: { description: 'The new case', schema: caseSchema }, 403: { description: 'Not a coordinator or supervisor' } },
      async handler({ user, body }) {
        const created = await createCase(deps, user, body);
        return { status: 201, body: created, headers: { Location: `/api/v1/cases/${created.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/cases',
      operationId: 'listCases',
      summary: 'Saker, nyeste først, med antall rapporter du kan lese',
      tag: 'Saker',
      auth: 'user',
      query: listQuery,
      responses: { 200: { description: 'A page of cases', schema: z.object({ total: z.number().int(), items: z.array(caseSummarySchema) }) } },
      async handler({ user, query }) {
        return { status: 200, body: await listCases(deps, user, { ...(query.status ? { status: query.status } : {}), limit: query.limit, offset: query.offset }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/cases/:id',
      operationId: 'getCase',
      summary: 'Én sak med rapportene du kan lese (lesingen logges)',
      tag: 'Saker',
      auth: 'user',
      params: idParams,
      query: pageQuery,
      responses: { 200: { description: 'The case', schema: caseViewSchema }, 404: { description: 'No such case' } },
      async handler({ user, params, query }) {
        return { status: 200, body: await getCase(deps, user, params.id, query) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/cases/:id/status',
      operationId: 'changeCaseStatus',
      summary: 'Lukk eller gjenåpne en sak med begrunnelse',
      tag: 'Saker',
      auth: 'user',
      params: idParams,
      body: caseStatusChangeSchema,
      responses: { 200: { description: 'The case after the change', schema: caseSchema }, 404: { description: 'No such case' }, 409: { description: 'Changed since read (currentVersion), or already in that status' } },
      async handler({ user, params, body }) {
        return { status: 200, body: await changeCaseStatus(deps, user, params.id, body) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/cases/:id/reports/:reportId',
      operationId: 'linkReportToCase',
      summary: 'Knytt en rapport til saken (journalføres på rapporten)',
      tag: 'Saker',
      auth: 'user',
      params: linkParams,
      responses: { 200: { description: 'The report, linked', schema: reportSchema }, 404: hidden, 409: { description: 'The case is closed, or the report belongs to another case' } },
      async handler({ user, params }) {
        return { status: 200, body: await linkReportToCase(deps, user, params.id, params.reportId) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/cases/:id/reports/:reportId',
      operationId: 'unlinkReportFromCase',
      summary: 'Fjern en rapport fra saken (journalføres på rapporten)',
      tag: 'Saker',
      auth: 'user',
      params: linkParams,
      responses: { 200: { description: 'The report, unlinked', schema: reportSchema }, 404: hidden },
      async handler({ user, params }) {
        return { status: 200, body: await unlinkReportFromCase(deps, user, params.id, params.reportId) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
