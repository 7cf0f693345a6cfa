import type { RuleSet } from '@mottak/assessment';

/** The assessment rule set in force in this process, and where it came from. */
export interface LoadedRuleSet {
  ruleSet: RuleSet;
  /** The file it was read from (MOTTAK_RULES_FILE, or the shipped default). */
  file: string;
  /** When this process read it (ISO 8601). */
  loadedAt: string;
  /** SHA-256 of the file's bytes: tells apart two files that claim the same version. */
  sha256: string;
}

/**
 * Holds the rule set and reloads it from its file without a restart. A file that fails validation
 * is refused with RuleSetError (file, line, reason) and the running rule set stays in force.
 */
export interface RuleSetSource {
  current(): LoadedRuleSet;
  /** Reads the file again; resolves to the set now in force, or rejects with RuleSetError and keeps the old one. */
  reload(): Promise<LoadedRuleSet>;
  /**
   * Validates `text` as a rule set and, only if it is valid, writes it to the file (atomically: the
   * old file or the new one, never half) and puts it in force. Rejects with RuleSetError (line and
   * reason) and writes nothing when invalid, and with RULESET_READ_ONLY when the file is the shipped
   * default (which belongs to the installation, not to the running system).
   */
  replace(text: string): Promise<LoadedRuleSet>;
}
