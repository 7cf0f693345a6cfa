import { z } from 'zod';
import { compartmentSchema } from './report.schema';
import { graderingSchema } from './gradering';

/**
 * Tjenstlige behov (needs) a user may hold beyond roles and compartments. `personopplysninger`
 * lets a search user see personal identifiers and reporter contact details unmasked.
 */
export const NEEDS = ['personopplysninger'] as const;
export const needSchema = z.enum(NEEDS);
export type Need = z.infer<typeof needSchema>;

/** What a user asks approval for: temporary need-to-know on one report, or a four-eyes change. */
export const APPROVAL_KINDS = ['tilgang', 'nedgradering', 'kassasjon'] as const;
export const approvalKindSchema = z.enum(APPROVAL_KINDS);
export type ApprovalKind = z.infer<typeof approvalKindSchema>;

export const APPROVAL_STATUSES = ['venter', 'godkjent', 'avslatt'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** The change a `nedgradering` request would apply once a second person approves it. */
export const markingChangeSchema = z.strictObject({
  gradering: graderingSchema,
  compartments: z.array(compartmentSchema).max(20),
});
export type MarkingChange = z.infer<typeof markingChangeSchema>;

/** Limits on a need-to-know grant: long enough for a working day's task, short enough to lapse on its own. */
export const GRANT_MAX_HOURS = 24 * 30;
export const GRANT_DEFAULT_HOURS = 24 * 7;

/**
 * A request that one user makes and a second, different user decides (four eyes). Grants
 * (`tilgang`) expire by themselves at `expiresAt`; nothing is ever deleted, only decided.
 */
export interface ApprovalRequest {
  id: string;
  kind: ApprovalKind;
  reportId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  /** For `tilgang`: who gets access (often the requester) and for how long after approval. */
  grantee?: string;
  grantHours?: number;
  /** For `nedgradering`: the marking to apply. */
  change?: MarkingChange;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
  /** Set when a grant is approved: access lapses at this instant. */
  expiresAt?: string;
}
