import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, watch as watchFolder } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRuleSet, type RuleSet, RuleSetError } from '@mottak/assessment';
import type { LoadedRuleSet, RuleSetSource } from '@mottak/core';
import { DomainError } from '@mottak/domain';

/** What the watcher reports; the caller logs it. */
export interface RuleSetWatchEvents {
  reloaded(loaded: LoadedRuleSet, previous: LoadedRuleSet): void;
  refused(error: RuleSetError, running: LoadedRuleSet): void;
}

export interface RuleSetWatchOptions {
  /** Quiet time after the last change before the file is read: editors write in several steps. */
  debounceMs?: number;
  /**
   * Reads the file this often as well (0: never), because file-change events are not delivered
   * everywhere: network file systems do not report remote writes, and a mounted ConfigMap changes
   * through a symlink swap. Reading an unchanged file costs one hash and nothing else.
   */
  pollMs?: number;
  /** false: poll only, without file-change events (tests of the poll; file systems without events). */
  changeEvents?: boolean;
}

export interface RuleSetWatcher {
  close(): void;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function unreadable(file: string, error: unknown): RuleSetError {
  return new RuleSetError(file, [{ reason: `kan ikke lese filen: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
}

/**
 * The rule set of one process, read from its file and reloaded without a restart: on request
 * (`reload`, the API's reload endpoint) or when the file changes (`watch`). A file that cannot be
 * read or fails validation is refused with RuleSetError naming file, line and reason, and the rule
 * set in force stays. Every process that assesses holds one and follows the same file, which is how
 * several worker processes converge on one version (see README, «Regelsett»).
 */
export class ReloadableRuleSet implements RuleSetSource {
  private loaded: LoadedRuleSet;

  /** Reads `file` at once: an invalid file at start stops the process, naming file, line and reason. */
  /** `readOnly`: the shipped default file, which uploads must never overwrite. */
  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
    private readonly readOnly = false,
  ) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw unreadable(file, error);
    }
    this.loaded = this.parse(bytes);
  }

  current(): LoadedRuleSet {
    return this.loaded;
  }

  async reload(): Promise<LoadedRuleSet> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      throw unreadable(this.file, error);
    }
    // parse throws before anything is replaced: an invalid file leaves the running set in force.
    this.loaded = this.parse(bytes);
    return this.loaded;
  }

  async replace(text: string): Promise<LoadedRuleSet> {
    if (this.readOnly) {
      throw new DomainError('RULESET_READ_ONLY', 'Regelsettet er det som følger med Mottak og kan ikke endres her; sett MOTTAK_RULES_FILE til en fil Mottak kan skrive', { file: this.file });
    }
    const bytes = Buffer.from(text, 'utf8');
    // Validated before anything is written: an invalid upload leaves file and running set as they were.
    const loaded = this.parse(bytes);
    // A temporary file in the same folder, then rename: readers (other processes' watchers) see the
    // old file or the new one, never a half-written one.
    const temporary = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.${Date.now()}.tmp`);
    try {
      await writeFile(temporary, bytes, { mode: 0o640 });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw unreadable(this.file, error);
    }
    this.loaded = loaded;
    return this.loaded;
  }

  /**
   * Follows the file: any change in its folder (editors replace files by renaming, which a watch on
   * the file itself would lose) is debounced, then the file is read and, if its content differs
   * from the set in force, validated and put in force or refused. A refused content is reported
   * once, not at every poll.
   */
  watch(events: RuleSetWatchEvents, options: RuleSetWatchOptions = {}): RuleSetWatcher {
    const debounceMs = options.debounceMs ?? 250;
    const pollMs = options.pollMs ?? 30_000;
    const base = path.basename(this.file);
    let timer: NodeJS.Timeout | undefined;
    let refusedFingerprint: string | undefined;
    let closed = false;
    let checking = Promise.resolve();

    const check = async (): Promise<void> => {
      let bytes: Buffer;
      let fingerprint: string;
      try {
        bytes = await readFile(this.file);
        fingerprint = sha256(bytes);
      } catch (error) {
        fingerprint = `unreadable:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
        if (closed || fingerprint === refusedFingerprint) return;
        refusedFingerprint = fingerprint;
        events.refused(unreadable(this.file, error), this.loaded);
        return;
      }
      if (closed || fingerprint === this.loaded.sha256 || fingerprint === refusedFingerprint) return;
      const previous = this.loaded;
      try {
        this.loaded = this.parse(bytes);
        refusedFingerprint = undefined;
        events.reloaded(this.loaded, previous);
      } catch (error) {
        refusedFingerprint = fingerprint;
        events.refused(error instanceof RuleSetError ? error : new RuleSetError(this.file, [{ reason: (error as Error).message }]), this.loaded);
      }
    };
    const schedule = () => {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // One check at a time, in order: a slow read never overtakes a later one.
        checking = checking.then(check).catch(() => undefined);
      }, debounceMs);
      timer.unref();
    };

    let watcher: FSWatcher | undefined;
    if (options.changeEvents !== false) {
      try {
        watcher = watchFolder(path.dirname(this.file), { persistent: false }, (_event, filename) => {
          // `..data` and friends: a Kubernetes ConfigMap swaps a symlink instead of writing the file.
          if (!filename || filename === base || filename.startsWith('..')) schedule();
        });
        watcher.on('error', () => undefined);
      } catch {
        // No change events here (the folder vanished, or no watch support): polling still follows the file.
      }
    }
    const poll = pollMs > 0 ? setInterval(schedule, pollMs) : undefined;
    poll?.unref();
    return {
      close() {
        closed = true;
        watcher?.close();
        clearTimeout(timer);
        clearInterval(poll);
      },
    };
  }

  private parse(bytes: Buffer): LoadedRuleSet {
    const ruleSet: RuleSet = deepFreeze(parseRuleSet(bytes.toString('utf8'), this.file));
    return { ruleSet, file: this.file, loadedAt: this.now().toISOString(), sha256: sha256(bytes) };
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
