import { z } from 'zod';

/**
 * Four-eyes review of a random sample of registered reports (kvalitetskontroll ved stikkprøve):
 * a supervisor draws a sample stratified by category, coordinator or priority, and a second person
 * — never the one who registered the report — records a verdict on each.
 */
export const REVIEW_VERDICTS = ['godkjent', 'avvik'] as const;
export type ReviewVerdictKind = (typeof REVIEW_VERDICTS)[number];

export const REVIEW_STRATA = ['category', 'registeredBy', 'priority'] as const;
export type ReviewStratification = (typeof REVIEW_STRATA)[number];

/** Largest registered population one sample may be drawn from; a longer period must be split. */
export const MAX_REVIEW_POPULATION = 20_000;

const instant = z.iso.datetime({ offset: true, message: 'må være et tidspunkt som 2026-11-01T00:00:00Z' });

export const reviewSampleRequestSchema = z
  .strictObject({
    from: instant.describe('Registered at or after (inclusive)'),
    to: instant.describe('Registered before (exclusive)'),
    percentage: z.number().min(0.1, 'minst 0,1 %').max(100, 'høyst 100 %').describe('Share of each stratum to draw'),
    stratifyBy: z.enum(REVIEW_STRATA).default('category'),
    minPerStratum: z.number().int().min(0).max(20).default(1).describe('At least this many from every non-empty stratum'),
  })
  .refine((value) => Date.parse(value.from) < Date.parse(value.to), { message: 'from må være før to', path: ['to'] });
export type ReviewSampleRequest = z.infer<typeof reviewSampleRequestSchema>;

export const reviewVerdictRequestSchema = z
  .strictObject({
    verdict: z.enum(REVIEW_VERDICTS),
    comment: z.string().trim().max(2000).default(''),
  })
  .refine((value) => value.verdict === 'godkjent' || value.comment.length >= 3, { message: 'et avvik må begrunnes', path: ['comment'] });
export type ReviewVerdictRequest = z.infer<typeof reviewVerdictRequestSchema>;

/** A recorded verdict: final once given. */
export interface ReviewVerdict {
  verdict: ReviewVerdictKind;
  comment: string;
  reviewer: string;
  at: string;
}

/** One sampled report; what the list shows without opening the report. */
export interface ReviewItem {
  reportId: string;
  journalNumber: string;
  stratum: string;
  registeredBy: string;
  verdict?: ReviewVerdict;
}

export interface ReviewStratum {
  stratum: string;
  population: number;
  drawn: number;
}

export interface ReviewSample {
  id: string;
  drawnAt: string;
  drawnBy: string;
  from: string;
  to: string;
  percentage: number;
  stratifyBy: ReviewStratification;
  minPerStratum: number;
  /** Registered reports in the period the drawer could read: what the sample represents. */
  population: number;
  strata: ReviewStratum[];
  items: ReviewItem[];
}
