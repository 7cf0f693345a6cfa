import type { Entity, EntityType, Report, SeenBefore } from '@mottak/domain';
import { PERSONAL_ENTITY_TYPES } from '../access/personal-data-mask';
import type { ReadAccess } from '../access/read-access';
import type { CoreDeps } from '../deps';
import { isOverlapIndexed } from '../seen-before';

/**
 * The largest Hamming distance between two 64-bit SimHashes that counts as a near-duplicate: 9 bits,
 * i.e. similarity ≥ 1 − 9/64 ≈ 0.86 (the first whole distance at or above 0.85). Measured with
 * `pnpm bench near-duplicates` on 100,000 synthetic reports: a copy with two words changed is found
 * in 98 % of 200–400-word reports, 90 % of 80–200-word ones and 60 % of 30–80-word ones (SimHash
 * over three-word shingles is coarse for short texts: one changed word moves 6 bits there), while
 * the closest of 100,000 stored reports to an unrelated new one was at least 12 bits away (median
 * 15), so nothing unrelated matched. Reaching 12 bits would find more short edits but comes within reach of
 * unrelated reports that share boilerplate, and costs 1,108 probe keys and ~3.5× the candidates.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 9;
/** Near-duplicates shown per report (most similar first). */
export const NEAR_DUPLICATES_SHOWN = 10;
/** Distinct identifiers of one report looked up for overlaps (in order of appearance); a pasted log of 5,000 IPs must not cost 5,000 lookups per view. */
export const OVERLAP_IDENTIFIERS_LOOKED_UP = 20;
/** Journal numbers listed per overlapping identifier. */
export const OVERLAP_JOURNAL_NUMBERS_SHOWN = 5;

const NOTHING_SEEN: SeenBefore = { nearDuplicates: [], entityOverlaps: [] };

/**
 * Near-duplicates and shared identifiers among the reports received before `report`, as one reader
 * may see them: the reader's access condition is inside both store queries, so a report they may
 * not see is neither listed nor counted.
 *
 * A reader without the personopplysninger need gets no overlaps for personal identifiers (phone,
 * e-mail, fødselsnummer …) — not even as a count without the value. "The person behind this report
 * is also in 2026/000123" links reports by a person's identifier, which is exactly the search
 * they are refused (PERSONAL_DATA_NEED_REQUIRED); a count would also confirm a guess at a masked
 * value against reports they can read. Technical indicators (IP, URL, domain, orgnr, wallets)
 * stay, as in the masked report itself.
 */
export async function seenBeforeFor(deps: CoreDeps, readAccess: ReadAccess, report: Report): Promise<SeenBefore> {
  const assessment = report.assessment;
  if (!assessment || report.disposal) return NOTHING_SEEN;
  const before = { receivedAt: report.receivedAt, id: report.id };
  const entities = overlapLookups(assessment.entities, readAccess.masked);
  const [near, overlaps] = await Promise.all([
    assessment.simhash
      ? deps.store.findNearDuplicates(
          { simhash: assessment.simhash, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before, limit: NEAR_DUPLICATES_SHOWN },
          readAccess.access,
        )
      : [],
    entities.length > 0 ? deps.store.findEntityOverlaps({ entities, before, registeredLimit: OVERLAP_JOURNAL_NUMBERS_SHOWN }, readAccess.access) : [],
  ]);
  return {
    nearDuplicates: near.map((match) => ({
      id: match.id,
      ...(match.journalNumber ? { journalNumber: match.journalNumber } : {}),
      similarity: 1 - match.distance / 64,
    })),
    entityOverlaps: overlaps.map((overlap) => ({
      type: overlap.type,
      value: overlap.value,
      count: overlap.count,
      registeredCount: overlap.registeredCount,
      registered: overlap.registered.slice(0, OVERLAP_JOURNAL_NUMBERS_SHOWN),
    })),
  };
}

/** The distinct identifiers to look up, first seen first; personal ones left out for a masked reader. */
function overlapLookups(entities: readonly Entity[], masked: boolean): Array<{ type: EntityType; value: string }> {
  const seen = new Set<string>();
  const lookups: Array<{ type: EntityType; value: string }> = [];
  for (const entity of entities) {
    if (!isOverlapIndexed(entity.type) || (masked && PERSONAL_ENTITY_TYPES.has(entity.type))) continue;
    const key = `${entity.type}:${entity.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lookups.push({ type: entity.type, value: entity.value });
    if (lookups.length === OVERLAP_IDENTIFIERS_LOOKED_UP) break;
  }
  return lookups;
}
