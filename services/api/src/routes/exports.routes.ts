import { z } from 'zod';
import { type CoreDeps, exportArkivuttrekk, exportStix, MAX_EXPORT_REPORTS } from '@mottak/core';
import { defineRoute, type RouteSpec } from '../route';

const stixQuery = z.strictObject({
  maskPersonalData: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('Omit personal identifiers; always on for users without the need for personal data'),
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_REPORTS).default(1000),
});

const arkivBody = z.strictObject({
  limit: z.number().int().min(1).max(MAX_EXPORT_REPORTS).default(MAX_EXPORT_REPORTS),
});

const manifestSchema = z.object({
  format: z.literal('mottak-arkivuttrekk'),
  formatVersion: z.string(),
  uttrekkId: z.string(),
  producedAt: z.string(),
  producer: z.string(),
  journalposter: z.number().int(),
  endringer: z.number().int(),
  reportIds: z.array(z.string()),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
});

/** Exports for supervisors: a STIX 2.1 bundle for sharing and a Noark-5-style archival extract; every export is audited. */
export function exportRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/exports/stix',
      operationId: 'exportStix',
      summary: 'STIX 2.1-bundle av registrerte journalposter du kan lese (TLP fra gradering; personopplysninger maskert)',
      tag: 'Kontroll',
      auth: 'user',
      query: stixQuery,
      responses: {
        200: { description: 'A STIX 2.1 bundle', schema: z.object({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.record(z.string(), z.unknown())) }) },
        403: { description: 'Not allowed to export' },
      },
      async handler({ user, query }) {
        const { bundle, masked } = await exportStix(deps, user, query);
        return { status: 200, body: bundle, headers: { 'X-Mottak-Masked': String(masked) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/exports/arkivuttrekk',
      operationId: 'exportArkivuttrekk',
      summary: 'Arkivuttrekk (Noark 5-inspirert XML: arkivstruktur og endringslogg) med manifest av SHA-256-sjekksummer',
      tag: 'Kontroll',
      auth: 'user',
      body: arkivBody,
      responses: {
        200: { description: 'The XML files by name, and the manifest', schema: z.object({ files: z.record(z.string(), z.string()), manifest: manifestSchema }) },
        403: { description: 'Not allowed to export' },
      },
      async handler({ user, body }) {
        return { status: 200, body: await exportArkivuttrekk(deps, user, body) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
