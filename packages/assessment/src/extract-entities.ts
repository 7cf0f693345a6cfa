import type { Entity, EntityType } from '@mottak/domain';
import { emailExtractor } from './email.extractor';
import type { Extractor } from './extractor';
import { fodselsnummerExtractor } from './fodselsnummer.extractor';
import { ipv4Extractor, ipv6Extractor } from './ip.extractor';
import { phoneExtractor } from './phone.extractor';
import { SpanIndex } from './span-index';
import { urlExtractor } from './url.extractor';

/**
 * The extractors in the order they run. An extractor's `blockedBy` types must come earlier, so
 * phones (blocked by everything) run last and IPv4 runs after IPv6 (IPv4-mapped IPv6 addresses).
 */
export const EXTRACTORS: readonly Extractor[] = [
  urlExtractor,
  emailExtractor,
  ipv6Extractor,
  ipv4Extractor,
  fodselsnummerExtractor,
  phoneExtractor,
];

function compareEntities(a: Entity, b: Entity): number {
  return a.start - b.start || a.end - b.end || a.type.localeCompare(b.type);
}

/** Entities found in `text` (call on normalised text); start/end are offsets into that text; sorted by start; no duplicates of the same (type,start). */
export function extractEntities(text: string): Entity[] {
  const byType = new Map<EntityType, Entity[]>();
  for (const extractor of EXTRACTORS) {
    const blocking = extractor.blockedBy.flatMap((type) => byType.get(type) ?? []);
    const blocked = new SpanIndex(blocking);
    for (const entity of extractor.extract(text, blocked)) {
      if (blocked.overlaps(entity.start, entity.end)) continue;
      const list = byType.get(entity.type) ?? [];
      list.push(entity);
      byType.set(entity.type, list);
    }
  }
  const seen = new Set<string>();
  const all = [...byType.values()].flat().sort(compareEntities);
  return all.filter((entity) => {
    const key = `${entity.type}@${entity.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
