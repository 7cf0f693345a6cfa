import { z } from 'zod';
import { reportStatusSchema } from './report.schema';

/** Longest report id or username an event may carry (ids are UUIDs; anything far longer is not ours). */
const MAX_ID_LENGTH = 200;

const eventId = z.string().min(1).max(MAX_ID_LENGTH);
const instant = z.iso.datetime({ offset: true });

/**
 * The live events between processes (see ReportEvents in the core), as they travel on a wire
 * (Redis pub/sub): a transport validates every message against this before a listener sees it.
 * Strict: an event carries its ids and status and nothing more.
 */
export const reportEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('report.changed'),
    reportId: eventId,
    status: reportStatusSchema,
    version: z.number().int().min(1),
    at: instant,
  }),
  z.strictObject({
    type: z.literal('report.indexed'),
    reportId: eventId,
    at: instant,
  }),
  z.strictObject({
    type: z.literal('alert'),
    kind: z.enum(['p1', 'break-glass']),
    reportId: eventId,
    actor: eventId.optional(),
    at: instant,
  }),
]);
