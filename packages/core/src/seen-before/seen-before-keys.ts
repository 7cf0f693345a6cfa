import { simhashBands, simhashDistance, simhashProbeBands } from '@mottak/assessment';
import type { EntityType, Report } from '@mottak/domain';

/**
 * What the stores index for the seen-before lookups, derived from a report in one place so the SQLite
 * and Mongo adapters index exactly the same keys.
 */
export interface SeenBeforeKeys {
  /** The report's SimHash, or undefined when it has none (not assessed, or disposed). */
  simhash?: string;
  /** simhashBands(simhash, 4): `b0:1a2b` … `b3:…`. */
  bandKeys: string[];
  /** Distinct entityKey()s of the report's identifiers. */
  entityKeys: string[];
}

/** Dates and times say when, not who or what: an overlap of «3. mars» means nothing, so they are not indexed. */
const NOT_INDEXED: ReadonlySet<EntityType> = new Set<EntityType>(['tidspunkt']);

/** The index key of one identifier: its type and normalised value (the type never holds a colon). */
export function entityKey(type: EntityType, value: string): string {
  return `${type}:${value}`;
}

/** True for identifier types the overlap index holds. */
export function isOverlapIndexed(type: EntityType): boolean {
  return !NOT_INDEXED.has(type);
}

/**
 * The keys a store indexes for `report`. A disposed report has none: its text is gone, so it must
 * not show up as "seen before" (redactReportContent removes the SimHash and entities too).
 */
export function seenBeforeKeys(report: Pick<Report, 'assessment' | 'disposal'>): SeenBeforeKeys {
  const assessment = report.assessment;
  if (!assessment || report.disposal) return { bandKeys: [], entityKeys: [] };
  const entityKeys = [...new Set(assessment.entities.filter((e) => isOverlapIndexed(e.type)).map((e) => entityKey(e.type, e.value)))];
  if (!assessment.simhash) return { bandKeys: [], entityKeys };
  return { simhash: assessment.simhash, bandKeys: simhashBands(assessment.simhash, 4), entityKeys };
}

/** The band keys a near-duplicate lookup probes (multi-index hashing; see simhashProbeBands). */
export function nearDuplicateProbeKeys(simhash: string, maxDistance: number): string[] {
  return simhashProbeBands(simhash, maxDistance);
}

/** Hamming distance of two SimHashes, for stores re-ranking their candidates. */
export function nearDuplicateDistance(a: string, b: string): number {
  return simhashDistance(a, b);
}
