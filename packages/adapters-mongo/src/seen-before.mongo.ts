import {
  type EntityOverlapCount,
  type EntityOverlapQuery,
  entityKey,
  type NearDuplicateMatch,
  type NearDuplicateQuery,
  nearDuplicateDistance,
  nearDuplicateProbeKeys,
  type ReceiptCursor,
  seenBeforeKeys,
} from '@mottak/core';
import type { Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import type { Model } from 'mongoose';
import { accessConditionToMongo } from './access-condition.mongo';
import type { ReportDoc } from './report-document';

/**
 * The seen-before fields of a report document, written by the same atomic update as the report
 * itself (receive and every change), so they never disagree with it. Empty for a report without an
 * assessment and for a disposed one.
 */
export function seenBeforeFields(report: Pick<Report, 'assessment' | 'disposal'>): Required<Pick<ReportDoc, 'simhashBands' | 'entityKeys'>> {
  const keys = seenBeforeKeys(report);
  return { simhashBands: keys.bandKeys, entityKeys: keys.entityKeys };
}

/** Received before the cursor: earlier, or at the same instant with a smaller id. */
function receivedBefore(cursor: ReceiptCursor): Record<string, unknown> {
  return { $or: [{ receivedAt: { $lt: cursor.receivedAt } }, { receivedAt: cursor.receivedAt, _id: { $lt: cursor.id } }] };
}

type NearCandidate = Pick<ReportDoc, '_id' | 'receivedAt' | 'assessment' | 'registration'>;

/**
 * Near-duplicates: the probe keys meet the multikey index on `simhashBands` together with the
 * compiled access condition, and the (few) candidates are re-ranked here by exact distance — the
 * server has no popcount, and the access filter already ran inside the query.
 */
export async function findNearDuplicatesIn(reports: Model<ReportDoc>, query: NearDuplicateQuery, access: AccessCondition): Promise<NearDuplicateMatch[]> {
  const probes = nearDuplicateProbeKeys(query.simhash, query.maxDistance);
  const candidates = await reports
    .find(
      { $and: [{ simhashBands: { $in: probes } }, receivedBefore(query.before), accessConditionToMongo(access)] },
      { _id: 1, receivedAt: 1, 'assessment.simhash': 1, 'registration.journalNumber': 1 },
    )
    .lean<NearCandidate[]>();
  const matches: NearDuplicateMatch[] = [];
  for (const doc of candidates) {
    const simhash = doc.assessment?.simhash;
    if (!simhash) continue;
    const distance = nearDuplicateDistance(query.simhash, simhash);
    if (distance > query.maxDistance) continue;
    const journalNumber = doc.registration?.journalNumber;
    matches.push({ id: doc._id, distance, receivedAt: doc.receivedAt, ...(journalNumber ? { journalNumber } : {}) });
  }
  return matches
    .sort((a, b) => a.distance - b.distance || compare(a.receivedAt, b.receivedAt) || compare(a.id, b.id))
    .slice(0, query.limit);
}

/** Identifier overlaps: per identifier, counts and the newest journal numbers from the multikey index on `entityKeys`. */
export async function findEntityOverlapsIn(reports: Model<ReportDoc>, query: EntityOverlapQuery, access: AccessCondition): Promise<EntityOverlapCount[]> {
  const clauses = [receivedBefore(query.before), accessConditionToMongo(access)];
  const seen = new Set<string>();
  const lookups = query.entities.filter(({ type, value }) => {
    const key = entityKey(type, value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const counted = await Promise.all(
    lookups.map(async ({ type, value }): Promise<EntityOverlapCount | undefined> => {
      const holding = { $and: [{ entityKeys: entityKey(type, value) }, ...clauses] };
      const count = await reports.countDocuments(holding);
      if (count === 0) return undefined;
      const registeredFilter = { $and: [...holding.$and, { journalSeq: { $exists: true } }] };
      const [registeredCount, registered] = await Promise.all([
        reports.countDocuments(registeredFilter),
        reports
          .find(registeredFilter, { 'registration.journalNumber': 1 })
          .sort({ journalYear: -1, journalSeq: -1 })
          .limit(query.registeredLimit)
          .lean<Array<Pick<ReportDoc, '_id' | 'registration'>>>(),
      ]);
      return { type, value, count, registeredCount, registered: registered.flatMap((doc) => (doc.registration ? [{ id: doc._id, journalNumber: doc.registration.journalNumber }] : [])) };
    }),
  );
  return counted.filter((overlap): overlap is EntityOverlapCount => overlap !== undefined);
}

/**
 * Fills the seen-before fields of documents written before they existed (run on open). Each update
 * is guarded by the version it read, so a change that lands meanwhile (and writes its own keys) wins.
 * Returns how many documents it filled.
 */
export async function backfillSeenBefore(reports: Model<ReportDoc>): Promise<number> {
  const missing = reports
    .find({ simhashBands: { $exists: false } }, { _id: 1, version: 1, assessment: 1, disposal: 1 })
    .lean<Array<Pick<ReportDoc, '_id' | 'version' | 'assessment' | 'disposal'>>>()
    .cursor();
  let filled = 0;
  for await (const doc of missing) {
    const result = await reports.updateOne({ _id: doc._id, version: doc.version, simhashBands: { $exists: false } }, { $set: seenBeforeFields(doc) });
    filled += result.modifiedCount;
  }
  return filled;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
