import { z } from 'zod';
import { graderingSchema } from './gradering';
import { assessmentSchema, prioritySchema } from './assessment.schema';
import { disposalRecordSchema } from './retention.schema';
import { attachmentSchema, attachmentUploadSchema, MAX_ATTACHMENTS, originalMessageSchema } from './attachment.schema';
import { recordedSourceGradingSchema } from './source-grading.schema';
import { handoverNoteListSchema } from './handover-note.schema';

/** How a report reached us. The principal submitting decides which channels are allowed. */
export const CHANNELS = ['tipsskjema', 'partner', 'telefon', 'e-post', 'manuell'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Noark-inspired life cycle; `utgar` (utgår) replaces deletion. */
export const REPORT_STATUSES = [
  'mottatt',
  'vurdert',
  'registrert',
  'under_behandling',
  'ferdigbehandlet',
  'arkivert',
  'utgar',
] as const;
export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** Statuses in which a report is a registered journalpost (searchable for search users). */
export const REGISTERED_STATUSES: readonly ReportStatus[] = ['registrert', 'under_behandling', 'ferdigbehandlet', 'arkivert'];

export const MAX_TITLE_LENGTH = 300;
export const MAX_BODY_LENGTH = 200_000;

/** Compartment names: short lower-case slugs such as `kontraetterretning`. */
export const compartmentSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'må være små bokstaver, tall og bindestrek (maks 63 tegn)');

export const reporterContactSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
  })
  .describe('Contact details for the person reporting; all optional');
export type ReporterContact = z.infer<typeof reporterContactSchema>;

/** What a client may send to POST /api/v1/reports. Strict: unknown fields are refused. */
export const newReportSchema = z.strictObject({
  channel: channelSchema,
  title: z.string().trim().min(1, 'kan ikke være tom').max(MAX_TITLE_LENGTH),
  body: z.string().min(1, 'kan ikke være tom').max(MAX_BODY_LENGTH),
  reporterContact: reporterContactSchema.optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  attachments: z.array(attachmentUploadSchema).max(MAX_ATTACHMENTS).optional().describe('Files sent with the report (base64); each stored once by SHA-256'),
});
export type NewReport = z.infer<typeof newReportSchema>;

/** Who submitted a report: anonymous public, a partner agency (by API key), a logged-in user, or a bulk import. */
export const reportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('public') }),
  z.object({ kind: z.literal('partner'), partnerId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('user'), userId: z.string(), username: z.string() }),
  z.object({ kind: z.literal('import'), name: z.string() }),
]);
export type ReportSource = z.infer<typeof reportSourceSchema>;

export const skjermingSchema = z.strictObject({
  hjemmel: z.string().trim().min(3).max(200).describe('Legal basis, e.g. "offl. § 13, jf. sikkerhetsloven § 5-3"'),
});
export type Skjerming = z.infer<typeof skjermingSchema>;

export const registrationSchema = z.object({
  journalNumber: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  priority: prioritySchema,
  category: z.string(),
  priorityOverridden: z.boolean(),
  categoryOverridden: z.boolean(),
  note: z.string().optional(),
});
export type Registration = z.infer<typeof registrationSchema>;

/** A report as stored: the source of truth for every other engine. */
export const reportSchema = z.object({
  id: z.string(),
  channel: channelSchema,
  title: z.string(),
  body: z.string(),
  reporterContact: reporterContactSchema.optional(),
  occurredAt: z.string().optional(),
  receivedAt: z.string(),
  source: reportSourceSchema,
  status: reportStatusSchema,
  contentHash: z.string(),
  gradering: graderingSchema,
  compartments: z.array(z.string()),
  skjerming: skjermingSchema.optional(),
  assessment: assessmentSchema.optional(),
  registration: registrationSchema.optional(),
  /** The coordinator's final Admiralty grading (source A–F, information 1–6), set at registration or later. */
  sourceGrading: recordedSourceGradingSchema.optional(),
  indexedAt: z.string().optional(),
  /** Set when this report was merged into another as its duplicate (it is then `utgar`); the link is kept. */
  mergedInto: z.string().optional(),
  /** The case (sak) this report belongs to, if any. */
  caseId: z.string().optional(),
  /** Set when the report was disposed (kassert): its content is gone, its journal metadata and this record stay. */
  disposal: disposalRecordSchema.optional(),
  /** Files that came with the report (content in the attachment store, addressed by SHA-256). */
  attachments: z.array(attachmentSchema).optional(),
  /** The message the report was made from (an imported .eml), kept byte for byte. */
  original: originalMessageSchema.optional(),
  /** Shift handover notes (overleveringsnotater) while the report is open work; oldest first. */
  handoverNotes: handoverNoteListSchema.optional(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

/** The gradering a report has until a coordinator sets one: unassessed material is treated as BEGRENSET. */
export const DEFAULT_INTAKE_GRADERING = 'BEGRENSET' as const;
