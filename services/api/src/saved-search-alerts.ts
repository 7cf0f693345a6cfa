import { auditSavedSearchAlert, type CoreDeps, countNewMatches, type SavedSearchCount } from '@mottak/core';
import type { User } from '@mottak/domain';

/** How long a stream gathers index changes before it recounts: a burst of indexing is one recount. */
export const SAVED_SEARCH_RECOUNT_MS = 1_000;

/** What the `saved-search` event carries: the user's own counts, nothing about any report. */
export interface SavedSearchAlertData {
  newTotal: number;
  searches: SavedSearchCount[];
}

/**
 * The live side of saved searches for one event stream. When the search index changes, the user's
 * saved searches are recounted under their rights at that moment (the same query, access condition
 * and masking rule as a search) — at most once per SAVED_SEARCH_RECOUNT_MS however many reports were
 * indexed, and never two recounts at once — and the user is told only when their own counts
 * changed. So an indexed report the user may not see, or that matches none of their searches, sends
 * nothing at all: no polling by clients, and no hint of hidden reports in the timing of messages.
 */
export class SavedSearchAlerts {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  /** The counts last known to the client (the baseline at start, then each sent). */
  private last: string | undefined;

  constructor(
    private readonly deps: CoreDeps,
    private readonly user: () => User,
    private readonly send: (data: SavedSearchAlertData) => void,
    private readonly delayMs = SAVED_SEARCH_RECOUNT_MS,
  ) {}

  /** Takes the counts as they are when the stream opens as the baseline (the client reads its list itself). */
  async start(): Promise<void> {
    this.last = JSON.stringify(await countNewMatches(this.deps, this.user()).catch(() => []));
  }

  /** The index changed: recount soon, once for the whole burst. */
  nudge(): void {
    if (this.stopped || this.timer !== undefined) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer = setTimeout(() => void this.recount(), this.delayMs);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async recount(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    this.running = true;
    try {
      const counts = await countNewMatches(this.deps, this.user());
      const key = JSON.stringify(counts);
      if (key === this.last || this.stopped) return;
      this.last = key;
      await auditSavedSearchAlert(this.deps, this.user(), counts);
      this.send({ newTotal: counts.reduce((sum, c) => sum + (c.newCount ?? 0), 0), searches: counts });
    } catch {
      // The index is away for a moment: the next change (or the client's own read) recounts.
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    }
  }
}
