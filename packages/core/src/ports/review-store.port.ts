import type { ReviewItem, ReviewSample, ReviewVerdict } from '@mottak/domain';

/** A sample as listed: everything but its items, with how far the review has come. */
export type ReviewSampleSummary = Omit<ReviewSample, 'items'> & { items: number; decided: number; deviations: number };

/**
 * Four-eyes review samples (stikkprøver) and their verdicts. Samples are never changed after they
 * are drawn except by recording a verdict on an item, once.
 */
export interface ReviewStore {
  create(sample: ReviewSample): Promise<void>;
  /** Newest first. */
  list(limit: number): Promise<ReviewSampleSummary[]>;
  get(id: string): Promise<ReviewSample | undefined>;
  /**
   * Records the verdict on one item if it has none yet (atomically: of two racing reviewers, one
   * wins). Throws NOT_FOUND for an unknown sample or item and REVIEW_ALREADY_DECIDED if decided.
   */
  recordVerdict(sampleId: string, reportId: string, verdict: ReviewVerdict): Promise<ReviewItem>;
  close(): Promise<void>;
}
