import { z } from 'zod';
import { type CoreDeps, importEmail, listReportFiles, readOriginalMessage, readReportAttachment } from '@mottak/core';
import { attachmentSchema, originalMessageSchema, reportStatusSchema, sha256Schema } from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';

const filesSchema = z.object({
  attachments: z.array(attachmentSchema),
  original: originalMessageSchema.optional(),
});

const importReceiptSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  receivedAt: z.string(),
  statusUrl: z.string(),
  replayed: z.boolean().describe('True when the same message (same bytes) was imported before: the first report is returned'),
});

const attachmentParams = z.strictObject({ id: z.string().min(1).max(100), sha256: sha256Schema });

/** The media types an .eml upload may be sent as. */
export const EML_MEDIA_TYPES = ['message/rfc822', 'application/octet-stream'];

/** `filename="…"` for old clients (ASCII, quotes replaced) and `filename*` (RFC 5987) for the real name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Headers of every file download: the sniffed type, always a download, never sniffed again by the browser, never cached. */
function downloadHeaders(contentType: string, filename: string, size: number): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(filename),
    'Content-Length': String(size),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** E-mail import, and a report's attachments and original message (read like the report itself: 404 when hidden, audited). */
export function attachmentRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports/import/eml',
      operationId: 'importEmail',
      summary: 'Importer en e-post (.eml) som rapport i kanalen e-post; meldingen lagres uendret som original',
      tag: 'Mottak',
      auth: 'user',
      bodyType: 'raw',
      rawMediaTypes: EML_MEDIA_TYPES,
      largeBody: true,
      responses: {
        202: { description: 'Stored durably as mottatt with its attachments and original; assessment (with text extraction) follows', schema: importReceiptSchema },
        400: { description: 'Not an e-mail message (EMAIL_INVALID): empty, binary, or no header' },
        403: { description: 'Only users who may receive reports (coordinators)' },
        413: { description: 'Message over MOTTAK_ATTACHMENT_LIMIT_BYTES' },
        415: { description: 'Send the message as message/rfc822 (or application/octet-stream)' },
      },
      async handler({ req, principal }) {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const { report, replayed } = await importEmail(deps, principal, raw);
        const statusUrl = `/api/v1/reports/${report.id}/status`;
        return {
          status: 202,
          headers: { Location: statusUrl, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
          body: { id: report.id, status: report.status, receivedAt: report.receivedAt, statusUrl, replayed },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/attachments',
      operationId: 'listReportAttachments',
      summary: 'Vedleggene til en rapport (navn, type funnet fra innholdet, størrelse, status for tekstuttrekk) og originalmeldingen',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'Attachments and original message', schema: filesSchema }, 404: { description: 'Missing or not visible to you' } },
      async handler({ user, params }) {
        return { status: 200, body: await listReportFiles(deps, user, params.id) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/attachments/:sha256',
      operationId: 'downloadReportAttachment',
      summary: 'Last ned ett vedlegg (som vedlegg, med typen funnet fra innholdet; lesingen logges)',
      tag: 'Rapporter',
      auth: 'user',
      params: attachmentParams,
      responses: {
        200: { description: 'The file, with its sniffed Content-Type and Content-Disposition: attachment', binary: true },
        403: { description: 'You see personal data masked; files cannot be masked (PERSONAL_DATA_NEED_REQUIRED)' },
        404: { description: 'Report missing or not visible to you, or no such attachment on it' },
      },
      async handler({ user, params }) {
        const { attachment, content } = await readReportAttachment(deps, user, params.id, params.sha256);
        return { status: 200, binary: content, headers: downloadHeaders(attachment.contentType, attachment.filename, content.length) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/reports/:id/original',
      operationId: 'downloadOriginalMessage',
      summary: 'Last ned originalmeldingen (.eml) byte for byte (lesingen logges)',
      tag: 'Rapporter',
      auth: 'user',
      params: idParams,
      responses: {
        200: { description: 'The message as received', contentType: 'message/rfc822', binary: true },
        403: { description: 'You see personal data masked (PERSONAL_DATA_NEED_REQUIRED)' },
        404: { description: 'Report missing or not visible to you, or it has no original message' },
      },
      async handler({ user, params }) {
        const { original, content, filename } = await readOriginalMessage(deps, user, params.id);
        return { status: 200, binary: content, headers: downloadHeaders(original.contentType, filename, content.length) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
