import { z } from 'zod';
import { prioritySchema } from './assessment.schema';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, reportStatusSchema } from './report.schema';

const reasonSchema = z.string().trim().min(3, 'må begrunnes (minst 3 tegn)').max(2000);
const expectedVersionSchema = z.number().int().min(1).describe('The version you read; a newer stored version answers 409 with currentVersion');

/** POST /reports/{id}/status: a user's decision to move a report along its life cycle. */
export const statusChangeSchema = z.strictObject({
  to: reportStatusSchema,
  reason: reasonSchema,
  expectedVersion: expectedVersionSchema,
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** The elements of a registered journalpost a correction may change. */
export const CORRECTABLE_FIELDS = ['title', 'body', 'category', 'priority', 'occurredAt'] as const;

/**
 * PATCH /reports/{id}: a correction, creating a new version. Strict: journal number, status,
 * gradering, compartments, assessment and registration are not corrections (registration and the
 * four-eyes routes own them), so sending any of them is refused by name.
 */
export const reportCorrectionSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'kan ikke være tom').max(MAX_TITLE_LENGTH).optional(),
    body: z.string().min(1, 'kan ikke være tom').max(MAX_BODY_LENGTH).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    priority: prioritySchema.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    reason: reasonSchema,
    expectedVersion: expectedVersionSchema,
  })
  .refine((value) => CORRECTABLE_FIELDS.some((field) => value[field] !== undefined), {
    message: `minst ett av feltene ${CORRECTABLE_FIELDS.join(', ')} må rettes`,
  });
export type ReportCorrection = z.infer<typeof reportCorrectionSchema>;

/** POST /reports/{id}/merge-into/{targetId}: the report is a duplicate of the target. */
export const mergeRequestSchema = z.strictObject({
  reason: reasonSchema,
  expectedVersion: expectedVersionSchema.optional(),
});
export type MergeRequest = z.infer<typeof mergeRequestSchema>;
