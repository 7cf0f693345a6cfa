import type { Entity, EntityType } from '@mottak/domain';
import { extractEntities } from './extract-entities';
import { normalizeText } from './normalize';

/** Entity types that are not identifiers: a date says when, not who or what, so it is not searched as one. */
const NOT_IDENTIFIERS: ReadonlySet<EntityType> = new Set(['tidspunkt']);

/** True for entity types a search by identifier covers (every type except `tidspunkt`). */
export function isIdentifierType(type: EntityType): boolean {
  return !NOT_IDENTIFIERS.has(type);
}

/** Normalised identifier values of entities (not `tidspunkt`), deduplicated — what a search index stores. */
export function identifierValues(entities: Entity[]): string[] {
  return [...new Set(entities.filter((entity) => isIdentifierType(entity.type)).map((entity) => entity.value))];
}

/**
 * Splits a search query into normalised identifiers it contains (phone in any format → E.164,
 * fødselsnummer with/without space → 11 digits, e-mail lower-cased, IPs, URLs, orgnr `923 609 016` →
 * 9 digits, IBAN → compact, kontonummer, card, plate, domain, crypto addresses) and the remaining
 * free text with those spans removed. Uses the same extractors as reports, so values compare equal
 * to what identifierValues stored. Dates and times stay in the free text.
 */
export function identifiersInQuery(query: string): { identifiers: string[]; remainingText: string } {
  const text = normalizeText(query);
  const entities = extractEntities(text).filter((entity) => isIdentifierType(entity.type));
  let remaining = '';
  let cursor = 0;
  for (const entity of entities) {
    // Entities may nest (an e-mail inside a URL); cut the union of their spans.
    if (entity.start > cursor) remaining += `${text.slice(cursor, entity.start)} `;
    cursor = Math.max(cursor, entity.end);
  }
  remaining += text.slice(cursor);
  return {
    identifiers: identifierValues(entities),
    remainingText: remaining.replace(/\s+/g, ' ').trim(),
  };
}
