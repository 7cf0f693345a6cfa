import type { Model } from 'mongoose';
import type { MongoChainedLog } from './chained-log.mongo';
import type { PendingJournalDraft, ReportDoc } from './report-document';

/** How many reports one recovery pass looks at; the rest waits for the next pass. */
const RECOVERY_BATCH = 500;

/**
 * Moves journal drafts from their reports into the journal's hash chain.
 *
 * Why drafts: a state change and its journal entry are two documents, and without a transaction
 * both cannot be written at once. So the change writes its draft into the report document, in the
 * same atomic update (nothing is lost if the process then dies), and the draft is appended to the
 * chain right after. Appending is idempotent (a draft's key is unique in the journal) and always
 * takes a report's drafts oldest first, so anyone may roll a report's drafts forward: the writer
 * itself, the next change to that report, a reader of the journal, or recovery at start.
 */
export class ReportJournalWriter {
  constructor(
    private readonly reports: Model<ReportDoc>,
    private readonly journal: MongoChainedLog,
  ) {}

  /** Appends the report's pending drafts to the journal, in order, and clears them from the report. */
  async flush(reportId: string): Promise<void> {
    const doc = await this.reports.findById(reportId, { pendingJournal: 1 }).lean<Pick<ReportDoc, 'pendingJournal'>>();
    await this.append(reportId, doc?.pendingJournal ?? []);
  }

  /**
   * Appends `drafts` (a report's pending drafts as its latest write returned them, oldest first)
   * and clears them from the report; saves flush's read right after a write.
   */
  async append(reportId: string, drafts: readonly PendingJournalDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    for (const draft of drafts) {
      await this.journal.append(
        { at: draft.at, actor: draft.actor, action: draft.action, subjectId: reportId, details: draft.details },
        draft.key,
      );
    }
    await this.reports.updateOne({ _id: reportId }, { $pull: { pendingJournal: { key: { $in: drafts.map((d) => d.key) } } } });
  }

  /**
   * Rolls forward every report with drafts left behind (by a process that died between its change
   * and the append). Returns how many reports it flushed.
   */
  async recover(): Promise<number> {
    const pending = await this.reports
      .find({ 'pendingJournal.key': { $exists: true } }, { _id: 1 })
      .sort({ updatedAt: 1 })
      .limit(RECOVERY_BATCH)
      .lean<Array<{ _id: string }>>();
    for (const { _id } of pending) await this.flush(_id);
    return pending.length;
  }
}
