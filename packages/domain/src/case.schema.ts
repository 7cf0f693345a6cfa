import { z } from 'zod';
import { DomainError } from './errors';

/** A case (sak) is open while work goes on and closed when it ends; closing can be undone. */
export const CASE_STATUSES = ['open', 'closed'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** One event in a case's own history: who, when, what and why. */
export const caseEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['case.created', 'case.closed', 'case.reopened']),
  reason: z.string().optional(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

/** A case as stored. Its reports point at it (Report.caseId); the case does not list them. */
export const caseSchema = z.object({
  id: z.string(),
  caseNumber: z.string().describe('SAK-YYYY-NNNN, sequential per year and gap-free'),
  title: z.string(),
  status: caseStatusSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  history: z.array(caseEventSchema),
});
export type Case = z.infer<typeof caseSchema>;

/** POST /cases. */
export const newCaseSchema = z.strictObject({
  title: z.string().trim().min(1, 'kan ikke være tom').max(300),
});
export type NewCase = z.infer<typeof newCaseSchema>;

/** POST /cases/{id}/status. */
export const caseStatusChangeSchema = z.strictObject({
  status: caseStatusSchema,
  reason: z.string().trim().min(3, 'må begrunnes (minst 3 tegn)').max(2000),
  expectedVersion: z.number().int().min(1),
});
export type CaseStatusChange = z.infer<typeof caseStatusChangeSchema>;

const CASE_NUMBER_PATTERN = /^SAK-(\d{4})-(\d{4,6})$/;

/** Formats a case number as users read it, e.g. `SAK-2026-0001` (four digits, more after 9999). */
export function formatCaseNumber(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new DomainError('JOURNAL_NUMBER_OUT_OF_RANGE', `Saksnummer ${sequence} er utenfor 1–999999`);
  }
  return `SAK-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Parses `SAK-YYYY-NNNN`; throws VALIDATION_FAILED for anything else. */
export function parseCaseNumber(text: string): { year: number; sequence: number } {
  const match = CASE_NUMBER_PATTERN.exec(text);
  if (!match) throw new DomainError('VALIDATION_FAILED', `Ugyldig saksnummer: ${text}`);
  return { year: Number(match[1]), sequence: Number(match[2]) };
}
