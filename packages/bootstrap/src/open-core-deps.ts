import { defaultRuleSet, loadRuleSetFile } from '@mottak/assessment';
import { defaultRetentionRules, loadRetentionRulesFile } from '@mottak/core';
import type { Config, Logger } from '@mottak/runtime';
import { openEmbedded } from './open-embedded';
import type { OpenedCore } from './opened-core';
import { openProduction } from './open-production';

/**
 * The composition root shared by every service's main.ts: chooses the engines from the config's
 * profile and wires them into the core. Only here (and in main.ts files) are adapters named.
 */
export async function openCoreDeps(config: Config, logger: Logger, options: { fastHashing?: boolean } = {}): Promise<OpenedCore> {
  const ruleSet = config.MOTTAK_RULES_FILE ? loadRuleSetFile(config.MOTTAK_RULES_FILE) : defaultRuleSet();
  // Read before any engine opens: conflicting retention rules stop the start with file, line and reason.
  const retentionRules = config.MOTTAK_RETENTION_RULES_FILE ? loadRetentionRulesFile(config.MOTTAK_RETENTION_RULES_FILE) : defaultRetentionRules();
  logger.info({ profile: config.MOTTAK_PROFILE, ruleSetVersion: ruleSet.version, retentionRulesVersion: retentionRules.version }, 'åpner motorer');
  const opened =
    config.MOTTAK_PROFILE === 'embedded'
      ? openEmbedded(config, logger, ruleSet, options.fastHashing ?? false)
      : await openProduction(config, logger, ruleSet, options.fastHashing ?? false);
  opened.deps.retentionRules = () => retentionRules;
  return opened;
}
