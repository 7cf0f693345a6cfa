import type { Entity, EntityType, PossibleIdentifier } from '@mottak/domain';
import { bitcoinExtractor } from './bitcoin.extractor';
import { datetimeExtractor } from './datetime.extractor';
import { domainExtractor } from './domain.extractor';
import { emailExtractor } from './email.extractor';
import { ethereumExtractor } from './ethereum.extractor';
import type { Extractor } from './extractor';
import { fodselsnummerExtractor } from './fodselsnummer.extractor';
import { ibanExtractor } from './iban.extractor';
import { ipv4Extractor, ipv6Extractor } from './ip.extractor';
import { kontonummerExtractor } from './kontonummer.extractor';
import { orgnrExtractor } from './orgnr.extractor';
import { paymentCardExtractor } from './payment-card.extractor';
import { phoneExtractor } from './phone.extractor';
import { type Span, SpanIndex } from './span-index';
import { urlExtractor } from './url.extractor';
import { vehiclePlateExtractor } from './vehicle-plate.extractor';

/**
 * The extractors in the order they run. An extractor's `blockedBy` types must come earlier, so the
 * order is the precedence when two readings claim the same characters: the more specific, validated
 * reading runs first and blocks the looser one. In particular: a valid fødselsnummer beats a
 * kontonummer (11 bare digits), IBAN beats kontonummer/orgnr/plate, 9–11-digit identifiers beat cards,
 * URL and e-mail beat domain, every number type beats phone (last), and IPv4 runs after IPv6
 * (IPv4-mapped IPv6 addresses). URL/e-mail may contain other identifiers (both are searchable).
 */
export const EXTRACTORS: readonly Extractor[] = [
  urlExtractor,
  emailExtractor,
  ipv6Extractor,
  ipv4Extractor,
  ethereumExtractor,
  bitcoinExtractor,
  ibanExtractor,
  fodselsnummerExtractor,
  kontonummerExtractor,
  orgnrExtractor,
  paymentCardExtractor,
  datetimeExtractor,
  vehiclePlateExtractor,
  domainExtractor,
  phoneExtractor,
];

/** Entities and the look-alikes that failed validation, both with offsets into the scanned (normalised) text. */
export interface EntityScan {
  entities: Entity[];
  /** "Possible identifier, failed validation": never overlapping an entity or each other; sorted by start. */
  possibleIdentifiers: PossibleIdentifier[];
}

function compareEntities(a: Entity, b: Entity): number {
  return a.start - b.start || a.end - b.end || a.type.localeCompare(b.type);
}

/**
 * Entities and failed look-alikes in `text` (call on normalised text). A look-alike is dropped when
 * its span overlaps an entity (the characters have a valid reading) or a look-alike starting earlier
 * (at the same start, extractor order decides), so every span is reported at most once.
 */
export function extractEntityScan(text: string): EntityScan {
  const byType = new Map<EntityType, Entity[]>();
  const rejected: PossibleIdentifier[] = [];
  for (const extractor of EXTRACTORS) {
    const blocking: Span[] = extractor.blockedBy.flatMap((type) => byType.get(type) ?? []);
    if (extractor.yieldsToLookalikes) {
      for (const r of rejected) if (extractor.blockedBy.includes(r.type)) blocking.push(r); // a loop: spreading 100 000 spans overflows the stack
    }
    const blocked = new SpanIndex(blocking);
    for (const entity of extractor.extract(text, blocked, rejected)) {
      if (blocked.overlaps(entity.start, entity.end)) continue;
      const list = byType.get(entity.type) ?? [];
      list.push(entity);
      byType.set(entity.type, list);
    }
  }
  const seen = new Set<string>();
  const entities = [...byType.values()]
    .flat()
    .sort(compareEntities)
    .filter((entity) => {
      const key = `${entity.type}@${entity.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const taken = new SpanIndex(entities);
  const kept: PossibleIdentifier[] = [];
  let keptUntil = 0;
  // Stable sort: at the same start, the earlier extractor's look-alike wins.
  for (const candidate of [...rejected].sort((a, b) => a.start - b.start)) {
    if (candidate.start < keptUntil || taken.overlaps(candidate.start, candidate.end)) continue;
    kept.push(candidate);
    keptUntil = candidate.end;
  }
  return { entities, possibleIdentifiers: kept };
}

/** Entities found in `text` (call on normalised text); start/end are offsets into that text; sorted by start; no duplicates of the same (type,start). */
export function extractEntities(text: string): Entity[] {
  return extractEntityScan(text).entities;
}
