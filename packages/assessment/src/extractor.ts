import type { Entity, EntityType } from '@mottak/domain';
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
   * All matches in `text` (normalised text); offsets are into `text` and text.slice(start, end) === raw.
   * `blocked` holds the spans of the `blockedBy` types; matches overlapping them are dropped by the
   * caller anyway, an extractor may use it only to skip work.
   */
  extract(text: string, blocked?: SpanIndex): Entity[];
}

/** Builds an entity from a match at `start` in `text`. */
export function entityAt(text: string, type: EntityType, start: number, end: number, value: string): Entity {
  return { type, value, raw: text.slice(start, end), start, end };
}
