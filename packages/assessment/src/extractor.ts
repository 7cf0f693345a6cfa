import type { Entity, EntityType, PossibleIdentifier } from '@mottak/domain';
import type { SpanIndex } from './span-index';

/** One kind of identifier recogniser. Each lives in its own `*.extractor.ts` file. */
export interface Extractor {
  /** Entity types this extractor can emit. */
  readonly types: readonly EntityType[];
  /**
   * Types whose spans suppress this extractor's matches (e.g. a phone inside an IP address).
   * Extractors run in list order, so blocking types must come from earlier extractors.
   */
  readonly blockedBy: readonly EntityType[];
  /**
   * When true, matches overlapping a possible identifier of a `blockedBy` type are dropped too: half of
   * a card number that failed Luhn is not a phone number.
   */
  readonly yieldsToLookalikes?: boolean;
  /**
   * All matches in `text` (normalised text); offsets are into `text` and text.slice(start, end) === raw.
   * `blocked` holds the spans of the `blockedBy` types; matches overlapping them are dropped by the
   * caller anyway, an extractor may use it only to skip work.
   * Extractors that validate (checksums, dates) push look-alikes that failed into `rejected`, so the
   * coordinator can see "possible identifier, failed validation"; the caller drops those overlapping an entity.
   */
  extract(text: string, blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[];
}

/** Builds an entity from a match at `start` in `text`. */
export function entityAt(text: string, type: EntityType, start: number, end: number, value: string): Entity {
  return { type, value, raw: text.slice(start, end), start, end };
}

/** Builds a "possible identifier, failed validation" at `start` in `text`; `reason` is Norwegian, for the coordinator. */
export function rejectAt(text: string, type: EntityType, start: number, end: number, reason: string): PossibleIdentifier {
  return { type, raw: text.slice(start, end), start, end, reason };
}
