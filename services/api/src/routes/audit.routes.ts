import { z } from 'zod';
import {
  auditExtract,
  breakGlassUses,
  consistencyProof,
  type CoreDeps,
  inclusionProof,
  listCheckpoints,
  type LogCaller,
  LOG_NAMES,
  MAX_EXTRACT_ENTRIES,
  signCheckpoint,
  userActivity,
  verifyLog,
  whoAccessedReport,
} from '@mottak/core';
import type { User } from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';
import { journalEntrySchema } from './reports.routes';

const TAG = 'Kontroll';
const limit = z.coerce.number().int().min(1).max(1000).default(100);
/** Any ISO 8601 instant; normalised to toISOString() so that it compares with stored `at` as text. */
const instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .optional();
const range = { from: instant, to: instant, afterSeq: z.coerce.number().int().min(0).optional(), limit };
const logName = z.enum(LOG_NAMES);
const size = z.coerce.number().int().min(0);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

const checkpointSchema = z.object({
  log: logName,
  treeSize: z.number().int(),
  rootHash: hash,
  timestamp: z.string(),
  keyId: z.string(),
  signature: z.string(),
  number: z.number().int(),
  auditSeq: z.number().int(),
});
const inclusionSchema = z.object({
  log: logName,
  seq: z.number().int(),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  rootHash: hash,
  leafHash: hash,
  entry: journalEntrySchema,
  proof: z.array(hash),
  checkpoint: checkpointSchema.optional(),
});
const problemSchema = z.object({
  kind: z.enum(['chain', 'altered', 'truncated', 'checkpoint-signature']),
  firstSeq: z.number().int().optional(),
  lastSeq: z.number().int().optional(),
  checkpoint: z.object({ number: z.number().int(), treeSize: z.number().int(), auditSeq: z.number().int() }).optional(),
  message: z.string(),
});
const verificationSchema = z.object({
  log: logName,
  ok: z.boolean(),
  entries: z.number().int(),
  chain: z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().optional(), reason: z.string().optional() }),
  checkpoints: z.object({ total: z.number().int(), signatureValid: z.number().int(), rootsChecked: z.number().int() }),
  problem: problemSchema.optional(),
  problems: z.array(problemSchema),
});

const asCaller = (user: User): LogCaller => ({ kind: 'user', user });

/**
 * The auditor's (revisor's) views and the Merkle proofs of the journal and the audit log. Every
 * call is itself appended to the audit log.
 */
export function auditRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const entries = { 200: { description: 'Audit entries in sequence order', schema: z.array(journalEntrySchema) }, 403: { description: 'Not an auditor' } };
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/reports/:id/access',
      operationId: 'auditReportAccess',
      summary: 'Hvem har lest, åpnet, eksportert eller fått rapporten i søketreff og lister (revisor)',
      tag: TAG,
      auth: 'user',
      params: idParams,
      query: z.strictObject(range),
      responses: entries,
      async handler({ user, params, query }) {
        return { status: 200, body: await whoAccessedReport(deps, asCaller(user), params.id, query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/users/:username/activity',
      operationId: 'auditUserActivity',
      summary: 'Hva brukeren så og gjorde i tidsrommet [from, to) (revisor)',
      tag: TAG,
      auth: 'user',
      params: z.strictObject({ username: z.string().min(1).max(100) }),
      query: z.strictObject(range),
      responses: entries,
      async handler({ user, params, query }) {
        return { status: 200, body: await userActivity(deps, asCaller(user), params.username, query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/break-glass',
      operationId: 'auditBreakGlass',
      summary: 'Alle nødtilganger (break-glass) med begrunnelse (revisor)',
      tag: TAG,
      auth: 'user',
      query: z.strictObject(range),
      responses: entries,
      async handler({ user, query }) {
        return { status: 200, body: await breakGlassUses(deps, asCaller(user), query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/checkpoints',
      operationId: 'listCheckpoints',
      summary: 'Signerte sjekkpunkter for en logg, nyeste først (revisor)',
      tag: TAG,
      auth: 'user',
      query: z.strictObject({ log: logName.default('audit'), limit }),
      responses: { 200: { description: 'Checkpoints', schema: z.array(checkpointSchema) }, 403: { description: 'Not an auditor' } },
      async handler({ user, query }) {
        return { status: 200, body: await listCheckpoints(deps, asCaller(user), query.log, query.limit) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/audit/checkpoints',
      operationId: 'signCheckpoint',
      summary: 'Signer et sjekkpunkt (størrelse og Merkle-rot) for en logg nå (revisor)',
      tag: TAG,
      auth: 'user',
      body: z.strictObject({ log: logName }),
      responses: {
        201: { description: 'Signed', schema: z.object({ checkpoint: checkpointSchema.omit({ number: true, auditSeq: true }), auditSeq: z.number().int() }) },
        403: { description: 'Not an auditor' },
      },
      async handler({ user, body }) {
        const signed = await signCheckpoint(deps, asCaller(user), body.log);
        return { status: 201, body: { checkpoint: signed.checkpoint, auditSeq: signed.auditSeq } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/proofs/inclusion',
      operationId: 'inclusionProof',
      summary: 'Inklusjonsbevis (RFC 6962) for en oppføring mot en trestørrelse, standard siste sjekkpunkt (revisor)',
      tag: TAG,
      auth: 'user',
      query: z.strictObject({ log: logName, seq: z.coerce.number().int().min(1), treeSize: size.optional() }),
      responses: { 200: { description: 'Proof', schema: inclusionSchema }, 400: { description: 'Tree size beyond the log' }, 404: { description: 'No such entry in that tree' } },
      async handler({ user, query }) {
        return { status: 200, body: await inclusionProof(deps, asCaller(user), query.log, query.seq, query.treeSize) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/proofs/consistency',
      operationId: 'consistencyProof',
      summary: 'Konsistensbevis (RFC 6962) mellom to trestørrelser, standard til siste sjekkpunkt (revisor)',
      tag: TAG,
      auth: 'user',
      query: z.strictObject({ log: logName, oldSize: size, newSize: size.optional() }),
      responses: {
        200: {
          description: 'Proof',
          schema: z.object({
            log: logName,
            oldSize: z.number().int(),
            newSize: z.number().int(),
            oldRootHash: hash,
            newRootHash: hash,
            proof: z.array(hash),
            oldCheckpoint: checkpointSchema.optional(),
            newCheckpoint: checkpointSchema.optional(),
          }),
        },
        400: { description: 'Sizes out of range' },
      },
      async handler({ user, query }) {
        return { status: 200, body: await consistencyProof(deps, asCaller(user), query.log, query.oldSize, query.newSize) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/verify',
      operationId: 'verifyMerkleLogs',
      summary: 'Verifiser hasjkjede, Merkle-røtter og signaturer; navngir første endrede, fjernede eller flyttede oppføring (revisor)',
      tag: TAG,
      auth: 'user',
      query: z.strictObject({ log: logName.optional() }),
      responses: { 200: { description: 'One result per log', schema: z.array(verificationSchema) }, 403: { description: 'Not an auditor' } },
      async handler({ user, query }) {
        const logs = query.log ? [query.log] : LOG_NAMES;
        const results = [];
        for (const log of logs) results.push(await verifyLog(deps, asCaller(user), log));
        return { status: 200, body: results };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit/extract',
      operationId: 'auditExtract',
      summary: 'Utdrag av revisjonsloggen med siste sjekkpunkt, inklusjonsbevis per oppføring og offentlig nøkkel (revisor)',
      tag: TAG,
      auth: 'user',
      query: z.strictObject({
        ...range,
        limit: z.coerce.number().int().min(1).max(MAX_EXTRACT_ENTRIES).default(100),
        actor: z.string().max(200).optional(),
        subjectId: z.string().max(100).optional(),
        action: z.string().max(100).optional(),
      }),
      responses: {
        200: {
          description: 'Extract',
          schema: z.object({
            query: z.record(z.string(), z.unknown()),
            checkpoint: checkpointSchema,
            entries: z.array(journalEntrySchema),
            proofs: z.array(inclusionSchema.omit({ entry: true, checkpoint: true, log: true })),
            publicKeyPem: z.string(),
          }),
        },
        404: { description: 'No checkpoint signed yet' },
      },
      async handler({ user, query }) {
        return { status: 200, body: await auditExtract(deps, asCaller(user), query) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
