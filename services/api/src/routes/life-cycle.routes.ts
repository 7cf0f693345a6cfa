import { z } from 'zod';
import { changeReportStatus, type CoreDeps, correctReport, getReportVersion, listReportVersions, mergeReport } from '@mottak/core';
import { mergeRequestSchema, reportCorrectionSchema, reportSchema, reportStatusSchema, statusChangeSchema } from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';

const versionParams = z.strictObject({ id: z.string().min(1).max(100), n: z.coerce.number().int().min(1).max(1_000_000) });
const mergeParams = z.strictObject({ id: z.string().min(1).max(100), targetId: z.string().min(1).max(100) });

const versionEntrySchema = z.object({
  version: z.number().int(),
  updatedAt: z.string(),
  status: reportStatusSchema,
  title: z.string(),
  change: z
    .object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), reason: z.string().optional() })
    .optional(),
});

const conflict = { description: 'Changed since read (body has currentVersion), or a transition the life cycle does not allow (ILLEGAL_TRANSITION with from, to, allowed)' };
const hidden = { description: 'Missing or not visible to you (same answer)' };

/** The journal's life cycle: status changes, corrections as new versions, version history, merging duplicates. */
export function lifeCycleRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/status',
      operationId: 'changeReportStatus',
      summary: 'Endre status (under behandling, ferdigbehandlet, arkivert, utgår) med begrunnelse; journalføres',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      body: statusChangeSchema,
      responses: { 200: { description: 'The report after the change', schema: reportSchema }, 403: { description: 'You may read but not change it' }, 404: hidden, 409: conflict },
      async handler({ user, params, body }) {
        return { status: 200, body: await changeReportStatus(deps, user, params.id, body) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/reports/:id',
      operationId: 'correctReport',
      summary: 'Rett en registrert journalpost (ny versjon; endringsloggen får gammel og ny verdi, hvem, når og hvorfor)',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      body: reportCorrectionSchema,
      responses: {
        200: { description: 'The new version', schema: reportSchema },
        400: { description: 'Invalid, nothing to change, or a field that is not a correction (journalNumber, status, gradering…) named' },
        403: { description: 'You may read but not change it' },
        404: hidden,
        409: { description: 'Changed since read (currentVersion), or not in a correctable status' },
      },
      async handler({ user, params, body }) {
        return { status: 200, body: await correctReport(deps, user, params.id, body) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/versions',
      operationId: 'listReportVersions',
      summary: 'Versjonshistorikk: hver lagret versjon og endringen som laget den (lesingen logges)',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'Versions oldest first, the current one last', schema: z.array(versionEntrySchema) }, 404: hidden },
      async handler({ user, params }) {
        return { status: 200, body: await listReportVersions(deps, user, params.id) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/versions/:n',
      operationId: 'getReportVersion',
      summary: 'Én tidligere versjon av rapporten slik den var lagret (lesingen logges)',
      tag: 'Rapporter',
      auth: 'user',
      params: versionParams,
      responses: { 200: { description: 'The report as version n', schema: reportSchema }, 404: hidden },
      async handler({ user, params }) {
        return { status: 200, body: await getReportVersion(deps, user, params.id, params.n) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/:id/merge-into/:targetId',
      operationId: 'mergeReport',
      summary: 'Slå sammen et duplikat med rapporten det dupliserer (duplikatet utgår, lenken beholdes; begge journalføres)',
      tag: 'Rapporter',
      auth: 'user',
      params: mergeParams,
      body: mergeRequestSchema,
      responses: {
        200: { description: 'Both reports after the merge', schema: z.object({ duplicate: reportSchema, target: reportSchema }) },
        403: { description: 'You may read but not change one of them' },
        404: hidden,
        409: conflict,
      },
      async handler({ user, params, body }) {
        return { status: 200, body: await mergeReport(deps, user, params.id, params.targetId, body) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
