import { z } from 'zod';
import {
  type CoreDeps,
  createUser,
  JOB_STATES,
  jobCounts,
  listJobs,
  listUsers,
  readAuditLog,
  readJournal,
  replayJob,
  updateUser,
  verifyLogs,
} from '@mottak/core';
import { newUserSchema, userChangeSchema, usernameSchema } from '@mottak/domain';
import { defineRoute, idParams, type RouteSpec } from '../route';
import { publicUserSchema } from './auth.routes';
import { journalEntrySchema } from './reports.routes';

const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempt: z.number().int(),
  state: z.enum(JOB_STATES),
  maxAttempts: z.number().int(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const chainVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().optional(),
  reason: z.string().optional(),
});

const limit = z.coerce.number().int().min(1).max(1000).default(100);

/** Users, the job queue's dead letters, the audit log and the journal. */
export function adminRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/users',
      operationId: 'listUsers',
      summary: 'Brukere (admin)',
      tag: 'Administrasjon',
      auth: 'user',
      responses: { 200: { description: 'Users', schema: z.array(publicUserSchema) } },
      async handler({ user }) {
        return { status: 200, body: await listUsers(deps, user) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users',
      operationId: 'createUser',
      summary: 'Opprett bruker med roller, klarering, enhet og rom (admin)',
      tag: 'Administrasjon',
      auth: 'user',
      body: newUserSchema,
      responses: { 201: { description: 'Created', schema: publicUserSchema }, 409: { description: 'Username taken' } },
      async handler({ user, body }) {
        return { status: 201, body: await createUser(deps, user, body) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/users/:username',
      operationId: 'updateUser',
      summary: 'Endre brukerens navn, roller, klarering, enhet, rom, behov eller sperre brukeren (admin); gjelder fra brukerens neste forespørsel',
      tag: 'Administrasjon',
      auth: 'user',
      params: z.strictObject({ username: usernameSchema }),
      body: userChangeSchema,
      responses: {
        200: { description: 'The user after the change', schema: publicUserSchema },
        400: { description: 'Nothing to change, or an administrator disabling or demoting themself' },
        403: { description: 'Not an administrator' },
        404: { description: 'No such user' },
      },
      async handler({ user, params, body }) {
        return { status: 200, body: await updateUser(deps, user, params.username, body) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/jobs',
      operationId: 'listJobs',
      summary: 'Jobber i køen, f.eks. state=dead for døde jobber (fagansvarlig, admin)',
      tag: 'Drift',
      auth: 'user',
      query: z.strictObject({ state: z.enum(JOB_STATES).optional(), limit }),
      responses: { 200: { description: 'Jobs', schema: z.array(jobSchema) } },
      async handler({ user, query }) {
        return { status: 200, body: await listJobs(deps, user, query.state, query.limit) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/jobs/counts',
      operationId: 'jobCounts',
      summary: 'Antall jobber per tilstand',
      tag: 'Drift',
      auth: 'user',
      responses: { 200: { description: 'Counts', schema: z.record(z.enum(JOB_STATES), z.number().int()) } },
      async handler({ user }) {
        return { status: 200, body: await jobCounts(deps, user) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/jobs/:id/replay',
      operationId: 'replayJob',
      summary: 'Kjør en død jobb på nytt',
      tag: 'Drift',
      auth: 'user',
      params: idParams,
      responses: { 204: { description: 'Queued again' }, 404: { description: 'No dead job with that id' } },
      async handler({ user, params }) {
        await replayJob(deps, user, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit',
      operationId: 'readAuditLog',
      summary: 'Revisjonslogg: hvem leste, søkte og logget inn (revisor)',
      tag: 'Kontroll',
      auth: 'user',
      query: z.strictObject({
        actor: z.string().max(200).optional(),
        subjectId: z.string().max(100).optional(),
        action: z.string().max(100).optional(),
        from: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()).optional(),
        to: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()).optional(),
        afterSeq: z.coerce.number().int().min(0).optional(),
        limit,
      }),
      responses: { 200: { description: 'Entries in sequence order', schema: z.array(journalEntrySchema) } },
      async handler({ user, query }) {
        return { status: 200, body: await readAuditLog(deps, user, query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/journal',
      operationId: 'readJournal',
      summary: 'Journalen (alle tilstandsendringer) i rekkefølge (fagansvarlig, revisor)',
      tag: 'Kontroll',
      auth: 'user',
      query: z.strictObject({ afterSeq: z.coerce.number().int().min(0).optional(), limit }),
      responses: { 200: { description: 'Journal entries', schema: z.array(journalEntrySchema) } },
      async handler({ user, query }) {
        return { status: 200, body: await readJournal(deps, user, query) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/journal/verify',
      operationId: 'verifyLogs',
      summary: 'Verifiser hasjkjedene i journal og revisjonslogg (revisor)',
      tag: 'Kontroll',
      auth: 'user',
      responses: { 200: { description: 'Result per chain', schema: z.object({ journal: chainVerificationSchema, audit: chainVerificationSchema }) } },
      async handler({ user }) {
        return { status: 200, body: await verifyLogs(deps, user) };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
