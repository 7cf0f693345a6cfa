import type { Channel, Entity, FiredRule, Language, PossibleIdentifier, Priority } from '@mottak/domain';
import { contentHash } from './content-hash';
import { extractEntityScan } from './extract-entities';
import { detectLanguage } from './language.detector';
import { normalizeText } from './normalize';
import type { RuleSet } from './rule-set.schema';
import { applyRules } from './rules.engine';
import { simhash } from './simhash';

export interface ContentAssessment {
  normalizedBody: string;
  /** Identifiers in the body; offsets are into `normalizedBody`. */
  entities: Entity[];
  /** Look-alikes that failed validation (offsets into `normalizedBody`), for the coordinator; not entities. */
  possibleIdentifiers: PossibleIdentifier[];
  contentHash: string;
  /** 64-bit SimHash of title and body (16 hex digits); see simhashBands for the lookup keys. */
  simhash: string;
  /** Language of title and body: nb, nn, en or other. */
  language: Language;
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
  const { entities, possibleIdentifiers } = extractEntityScan(normalizedBody);
  const { priority, category, firedRules } = applyRules(
    { title: normalizedTitle, body: normalizedBody, channel: input.channel, entities },
    ruleSet,
  );
  return {
    normalizedBody,
    entities,
    possibleIdentifiers,
    contentHash: contentHash(input.title, input.body),
    simhash: simhash(`${normalizedTitle}\n${normalizedBody}`),
    language: detectLanguage(`${normalizedTitle}\n${normalizedBody}`),
    priority,
    category,
    firedRules,
    ruleSetVersion: ruleSet.version,
  };
}
