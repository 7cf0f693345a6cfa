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

/** Text extracted from one attachment, named by the SHA-256 of its content. */
export interface AttachmentText {
  sha256: string;
  text: string;
}

/**
 * The whole pure part of an assessment. Keywords are matched in title, body and attachment text;
 * entities come from the body (offsets into `normalizedBody`) and from each attachment's text
 * (marked with the attachment's `sha256`, offsets into its normalised text). Content hash, SimHash
 * and language describe the report's own text.
 */
export function assessContent(
  input: { title: string; body: string; channel: Channel; attachments?: readonly AttachmentText[] },
  ruleSet: RuleSet,
): ContentAssessment {
  const normalizedTitle = normalizeText(input.title);
  const normalizedBody = normalizeText(input.body);
  const { entities, possibleIdentifiers } = extractEntityScan(normalizedBody);
  const attachmentTexts: string[] = [];
  for (const attachment of input.attachments ?? []) {
    const text = normalizeText(attachment.text);
    attachmentTexts.push(text);
    const scan = extractEntityScan(text);
    // Look-alikes are listed for the report's own text only: their offsets have no attachment marker.
    entities.push(...scan.entities.map((entity) => ({ ...entity, attachment: attachment.sha256 })));
  }
  const { priority, category, firedRules } = applyRules(
    { title: normalizedTitle, body: [normalizedBody, ...attachmentTexts].join('\n\n'), channel: input.channel, entities },
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
