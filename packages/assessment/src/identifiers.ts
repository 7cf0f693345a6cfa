import type { Entity } from '@mottak/domain';
import { extractEntities } from './extract-entities';
import { normalizeText } from './normalize';

/** Normalised identifier values of entities, deduplicated — what a search index stores. */
export function identifierValues(entities: Entity[]): string[] {
  return [...new Set(entities.map((entity) => entity.value))];
}

/**
 * Splits a search query into normalised identifiers it contains (phone in any format → E.164,
 * fødselsnummer with/without space → 11 digits, e-mail lower-cased, IPs, URLs) and the remaining
 * free text with those spans removed. Uses the same extractors as reports, so values compare equal
 * to what identifierValues stored.
 */
export function identifiersInQuery(query: string): { identifiers: string[]; remainingText: string } {
  const text = normalizeText(query);
  const entities = extractEntities(text);
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
