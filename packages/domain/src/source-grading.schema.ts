import { z } from 'zod';

/**
 * Admiralty source reliability (kildens pålitelighet): A completely reliable … E unreliable, and
 * F «kan ikke bedømmes» — what a source with no usable history gets.
 */
export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const sourceReliabilitySchema = z.enum(SOURCE_RELIABILITIES);
export type SourceReliability = z.infer<typeof sourceReliabilitySchema>;

/** Admiralty information credibility (opplysningens troverdighet): 1 confirmed … 5 improbable, 6 cannot be judged. */
export const INFORMATION_CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export const informationCredibilitySchema = z.literal(INFORMATION_CREDIBILITIES);
export type InformationCredibility = (typeof INFORMATION_CREDIBILITIES)[number];

export const SOURCE_RELIABILITY_LABELS: Record<SourceReliability, string> = {
  A: 'Fullt pålitelig',
  B: 'Vanligvis pålitelig',
  C: 'Ganske pålitelig',
  D: 'Vanligvis ikke pålitelig',
  E: 'Upålitelig',
  F: 'Kan ikke bedømmes',
};

export const INFORMATION_CREDIBILITY_LABELS: Record<InformationCredibility, string> = {
  1: 'Bekreftet av andre kilder',
  2: 'Sannsynligvis sann',
  3: 'Muligens sann',
  4: 'Tvilsom',
  5: 'Usannsynlig',
  6: 'Kan ikke bedømmes',
};

/**
 * A report's information counts as **bekreftet** (confirmed) when the coordinator's final Admiralty
 * grading of that report gave it information credibility 1 («bekreftet av andre kilder») or 2
 * («sannsynligvis sann»). A report without a final grading is neither confirmed nor unconfirmed:
 * nobody has judged it, so it does not count for or against its source.
 */
export const CONFIRMED_CREDIBILITIES: readonly InformationCredibility[] = [1, 2];

/** True when a final grading with this credibility makes the report count as confirmed (see CONFIRMED_CREDIBILITIES). */
export function isConfirmedCredibility(credibility: InformationCredibility): boolean {
  return CONFIRMED_CREDIBILITIES.includes(credibility);
}

/** The coordinator's final Admiralty grading of a report, e.g. B2. */
export const sourceGradingSchema = z.strictObject({
  reliability: sourceReliabilitySchema.describe('Source reliability A–F'),
  credibility: informationCredibilitySchema.describe('Information credibility 1–6'),
});
export type SourceGrading = z.infer<typeof sourceGradingSchema>;

/** A final grading as stored on the report: who set it and when (every change is journaled). */
export const recordedSourceGradingSchema = z.object({
  reliability: sourceReliabilitySchema,
  credibility: informationCredibilitySchema,
  gradedAt: z.string(),
  gradedBy: z.string(),
});
export type RecordedSourceGrading = z.infer<typeof recordedSourceGradingSchema>;

/** The Admiralty code as written, e.g. «B2». */
export function admiraltyCode(grading: SourceGrading): string {
  return `${grading.reliability}${grading.credibility}`;
}
