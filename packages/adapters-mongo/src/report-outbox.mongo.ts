import type { Clock, OutboxEntry } from '@mottak/core';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './mongo-connection';
import type { CounterDoc, EmbeddedOutboxEntry, ReportDoc } from './report-document';

/** How many times claim looks again when other indexers took entries it had picked. */
const CLAIM_ROUNDS = 3;

/**
 * The report store's outbox, embedded in the report documents: a change and the outbox entries it
 * causes are written by the same single-document update, so neither can exist without the other.
 * A claim is a lease: a compare-and-set on one entry's `leasedUntil`, so two indexers never hold
 * the same entry, and an entry whose indexer died is claimable again when the lease runs out.
 */
export class MongoReportOutbox {
  constructor(
    private readonly reports: Model<ReportDoc>,
    private readonly counters: Model<CounterDoc>,
    private readonly clock: Clock,
  ) {}

  /** New entries for a change, to be $push'ed with it; ids come from a counter (gaps are harmless here). */
  async newEntries(kinds: ReadonlyArray<OutboxEntry['kind']>): Promise<EmbeddedOutboxEntry[]> {
    if (kinds.length === 0) return [];
    const counter = await this.bumpCounter(kinds.length).catch((error: unknown) => {
      // Two first upserts racing to create the counter: the loser's retry finds it.
      if (isDuplicateKeyError(error)) return this.bumpCounter(kinds.length);
      throw error;
    });
    const first = counter.seq - kinds.length + 1;
    const now = this.clock.now().getTime();
    return kinds.map((kind, i) => ({ id: first + i, kind, availableAt: now, leasedUntil: null, attempts: 0 }));
  }

  private async bumpCounter(by: number): Promise<CounterDoc> {
    const counter = await this.counters.findOneAndUpdate({ _id: 'outbox' }, { $inc: { seq: by } }, { upsert: true, new: true }).lean<CounterDoc>();
    if (!counter) throw new Error('outbox counter returned nothing');
    return counter;
  }

  /** Leases up to `limit` due entries, oldest first (by availability, then id). */
  async claim(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const now = this.clock.now().getTime();
    const claimed: OutboxEntry[] = [];
    for (let round = 0; round < CLAIM_ROUNDS && claimed.length < limit; round += 1) {
      const candidates = await this.due(now, limit - claimed.length);
      let lost = 0;
      for (const { reportId, entry } of candidates) {
        const result = await this.reports.updateOne(
          { _id: reportId, outbox: { $elemMatch: { id: entry.id, ...claimable(now) } } },
          { $set: { 'outbox.$.leasedUntil': now + leaseMs } },
        );
        if (result.modifiedCount === 1) {
          claimed.push({ id: entry.id, reportId, kind: entry.kind, attempts: entry.attempts });
        } else {
          lost += 1;
        }
      }
      // Fewer due entries than asked for, and none taken by someone else: there are no more.
      if (lost === 0) break;
    }
    return claimed;
  }

  /** Forgets completed entries (removes them from their reports). */
  async complete(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.reports.updateMany({ 'outbox.id': { $in: [...ids] } }, { $pull: { outbox: { id: { $in: [...ids] } } } });
  }

  /** Releases an entry after a failure, due again after `retryAfterMs`, its attempt counted. */
  async retryLater(id: number, error: string, retryAfterMs: number): Promise<void> {
    await this.reports.updateOne(
      { 'outbox.id': id },
      {
        $inc: { 'outbox.$.attempts': 1 },
        $set: {
          'outbox.$.lastError': error,
          'outbox.$.availableAt': this.clock.now().getTime() + retryAfterMs,
          'outbox.$.leasedUntil': null,
        },
      },
    );
  }

  /** Entries not yet completed, leased or not. */
  async pendingCount(): Promise<number> {
    const [row] = await this.reports.aggregate<{ n: number }>([
      { $match: { 'outbox.id': { $exists: true } } },
      { $project: { n: { $size: '$outbox' } } },
      { $group: { _id: null, n: { $sum: '$n' } } },
    ]);
    return row?.n ?? 0;
  }

  /** Due, unleased entries in claim order, with their report ids. */
  private async due(now: number, limit: number): Promise<Array<{ reportId: string; entry: EmbeddedOutboxEntry }>> {
    const dueEntry = claimable(now);
    return this.reports.aggregate<{ reportId: string; entry: EmbeddedOutboxEntry }>([
      { $match: { outbox: { $elemMatch: dueEntry } } },
      { $unwind: '$outbox' },
      { $match: { 'outbox.availableAt': dueEntry.availableAt, $or: [{ 'outbox.leasedUntil': null }, { 'outbox.leasedUntil': { $lte: now } }] } },
      { $sort: { 'outbox.availableAt': 1, 'outbox.id': 1 } },
      { $limit: limit },
      { $project: { _id: 0, reportId: '$_id', entry: '$outbox' } },
    ]);
  }
}

/** An entry that is due and not leased (or whose lease has run out) at `now`. */
function claimable(now: number) {
  return { availableAt: { $lte: now }, $or: [{ leasedUntil: null }, { leasedUntil: { $lte: now } }] };
}
