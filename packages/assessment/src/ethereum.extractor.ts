import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { isValidEthereumAddress } from './crypto-address.validator';
import { entityAt, type Extractor, rejectAt } from './extractor';
import type { SpanIndex } from './span-index';

/** `0x` and 40 hex digits as a whole token (not the start of a 64-digit transaction hash). */
const ETHEREUM_CANDIDATE = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g;

/** Ethereum addresses (0x + 40 hex); mixed case must pass the EIP-55 checksum. Value: lower-case. */
export const ethereumExtractor: Extractor = {
  types: ['ethereum'],
  blockedBy: [],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(ETHEREUM_CANDIDATE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (isValidEthereumAddress(match[0])) found.push(entityAt(text, 'ethereum', start, end, match[0].toLowerCase()));
      else rejected?.push(rejectAt(text, 'ethereum', start, end, 'store og små bokstaver stemmer ikke med sjekksummen (EIP-55)'));
    }
    return found;
  },
};
