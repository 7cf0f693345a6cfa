import type { SourceReliability } from '@mottak/domain';

/** What is known of a source's earlier reports (only those the asking user may see). */
export interface SourceHistory {
  /** Earlier reports from the same source. */
  earlier: number;
  /** Of those, reports a coordinator has given a final Admiralty grading. */
  graded: number;
  /** Of the graded, those confirmed: final information credibility 1 or 2 (CONFIRMED_CREDIBILITIES). */
  confirmed: number;
}

/** A suggested source-reliability letter and why, in Norwegian. */
export interface SourceReliabilitySuggestion {
  reliability: SourceReliability;
  reason: string;
  /** Whether the report has a source Mottak can recognise at all (partner, e-mail or phone). */
  known: boolean;
  history: SourceHistory;
}

/** Fewer graded earlier reports than this cannot justify any letter but F. */
export const MIN_GRADED_TO_JUDGE = 3;
/** A («fullt pålitelig») needs a long record, not a lucky streak. */
export const MIN_GRADED_FOR_A = 10;

/** Lowest confirmed share for each letter, best first. */
const THRESHOLDS: ReadonlyArray<{ letter: SourceReliability; minShare: number }> = [
  { letter: 'A', minShare: 0.95 },
  { letter: 'B', minShare: 0.8 },
  { letter: 'C', minShare: 0.6 },
  { letter: 'D', minShare: 0.4 },
  { letter: 'E', minShare: 0 },
];

const meldinger = (n: number): string => (n === 1 ? '1 tidligere gradert melding' : `${n} tidligere graderte meldinger`);
const ungradedNote = (history: SourceHistory): string => {
  const ungraded = history.earlier - history.graded;
  return ungraded > 0 ? ` (${ungraded} til uten endelig gradering telles ikke)` : '';
};

/**
 * Suggests an Admiralty source-reliability letter from how often the source's earlier reports were
 * confirmed: ≥ 95 % A (with at least 10 graded), ≥ 80 % B, ≥ 60 % C, ≥ 40 % D, else E; F when the
 * source is unknown or has fewer than 3 graded earlier reports. The coordinator decides; this is
 * only a suggestion with its reason, e.g. «7 av 8 tidligere graderte meldinger bekreftet → B».
 */
export function suggestSourceReliability(history: SourceHistory, known = true): SourceReliabilitySuggestion {
  if (!known) {
    return { reliability: 'F', known, history, reason: 'Ukjent kilde (anonym, uten partner, e-post eller telefon) → F' };
  }
  if (history.graded === 0) {
    return { reliability: 'F', known, history, reason: `Ingen tidligere graderte meldinger fra kilden${ungradedNote(history)} → F` };
  }
  const confirmedOf = `${history.confirmed} av ${meldinger(history.graded)} bekreftet (troverdighet 1–2)`;
  if (history.graded < MIN_GRADED_TO_JUDGE) {
    return { reliability: 'F', known, history, reason: `Bare ${confirmedOf}${ungradedNote(history)}; for lite til å bedømme → F` };
  }
  const share = history.confirmed / history.graded;
  const best = THRESHOLDS.find((t) => share >= t.minShare)!.letter;
  const letter = best === 'A' && history.graded < MIN_GRADED_FOR_A ? 'B' : best;
  const capped = letter !== best ? ` (A krever minst ${MIN_GRADED_FOR_A} graderte)` : '';
  return { reliability: letter, known, history, reason: `${confirmedOf}${ungradedNote(history)} → ${letter}${capped}` };
}
