import { createDocumentReader } from '@mottak/adapters-documents';
import { DEFAULT_RULESET_PATH } from '@mottak/assessment';
import { defaultRetentionRules, loadRetentionRulesFile } from '@mottak/core';
import type { Config, Logger } from '@mottak/runtime';
import { openEmbedded } from './open-embedded';
import type { OpenedCore } from './opened-core';
import { openProduction } from './open-production';
import { ReloadableRuleSet } from './rule-set-reloader';

export interface OpenCoreOptions {
  /** Cheaper password hashing (tests only). */
  fastHashing?: boolean;
  /**
   * Follow the rule-set file and put a changed, valid file in force without a restart (when
   * MOTTAK_RULES_WATCH allows). For processes that assess or show the rule set: worker, API,
   * all-in-one; not for one-shot commands.
   */
  watchRuleSet?: boolean;
}

/**
 * The composition root shared by every service's main.ts: chooses the engines from the config's
 * profile and wires them into the core. Only here (and in main.ts files) are adapters named.
 */
export async function openCoreDeps(config: Config, logger: Logger, options: OpenCoreOptions = {}): Promise<OpenedCore> {
  // Read before any engine opens: an invalid rule set stops the start with file, line and reason.
  const ruleSets = new ReloadableRuleSet(config.MOTTAK_RULES_FILE ?? DEFAULT_RULESET_PATH, () => new Date(), config.MOTTAK_RULES_FILE === undefined);
  const ruleSetVersion = ruleSets.current().ruleSet.version;
  // The same for conflicting retention rules.
  const retentionRules = config.MOTTAK_RETENTION_RULES_FILE ? loadRetentionRulesFile(config.MOTTAK_RETENTION_RULES_FILE) : defaultRetentionRules();
  logger.info({ profile: config.MOTTAK_PROFILE, ruleSetVersion, retentionRulesVersion: retentionRules.version }, 'åpner motorer');
  const opened =
    config.MOTTAK_PROFILE === 'embedded'
      ? openEmbedded(config, logger, ruleSets, options.fastHashing ?? false)
      : await openProduction(config, logger, ruleSets, options.fastHashing ?? false);
  opened.deps.retentionRules = () => retentionRules;
  // Parsers for e-mail, PDF and DOCX are the same on every profile.
  opened.deps.documents = createDocumentReader();
  opened.deps.attachmentLimitBytes = config.MOTTAK_ATTACHMENT_LIMIT_BYTES;
  if (!options.watchRuleSet || !config.MOTTAK_RULES_WATCH) return opened;
  const watcher = ruleSets.watch({
    reloaded: (loaded, previous) =>
      logger.info({ file: loaded.file, version: loaded.ruleSet.version, previousVersion: previous.ruleSet.version, sha256: loaded.sha256 }, 'regelsett lastet på nytt'),
    refused: (error, running) =>
      logger.error(
        { file: error.source, line: error.line, reason: error.reason, problems: error.problems.length, runningVersion: running.ruleSet.version },
        `${error.message}; regelsett ${running.ruleSet.version} gjelder fortsatt`,
      ),
  });
  return {
    ...opened,
    async close() {
      watcher.close();
      await opened.close();
    },
  };
}
