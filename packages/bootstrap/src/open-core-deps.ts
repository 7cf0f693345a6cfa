import { defaultRuleSet, loadRuleSetFile } from '@mottak/assessment';
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
  logger.info({ profile: config.MOTTAK_PROFILE, ruleSetVersion: ruleSet.version }, 'åpner motorer');
  switch (config.MOTTAK_PROFILE) {
    case 'embedded':
      return openEmbedded(config, logger, ruleSet, options.fastHashing ?? false);
    case 'production':
      return openProduction(config, logger, ruleSet, options.fastHashing ?? false);
  }
}
