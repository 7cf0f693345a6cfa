import type { Channel, Entity, FiredRule, Priority } from '@mottak/domain';
import { contentHash } from './content-hash';
import { extractEntities } from './extract-entities';
import { normalizeText } from './normalize';
import type { RuleSet } from './rule-set.schema';
import { applyRules } from './rules.engine';

export interface ContentAssessment {
  normalizedBody: string;
  /** Identifiers in the body; offsets are into `normalizedBody`. */
  entities: Entity[];
  contentHash: string;
  priority: Priority;
  category: string;
  firedRules: FiredRule[];
  ruleSetVersion: string;
}

/**
 * The whole pure part of an assessment. Keywords are matched in title and body; entities come from
 * the body only, because Entity offsets have no field marker and must slice `normalizedBody`.
 */
export function assessContent(input: { title: string; body: string; channel: Channel }, ruleSet: RuleSet): ContentAssessment {
  const normalizedTitle = normalizeText(input.title);
  const normalizedBody = normalizeText(input.body);
  const entities = extractEntities(normalizedBody);
  const { priority, category, firedRules } = applyRules(
    { title: normalizedTitle, body: normalizedBody, channel: input.channel, entities },
    ruleSet,
  );
  return {
    normalizedBody,
    entities,
    contentHash: contentHash(input.title, input.body),
    priority,
    category,
    firedRules,
    ruleSetVersion: ruleSet.version,
  };
}
