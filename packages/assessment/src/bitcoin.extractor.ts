import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { isValidBase58Address, isValidBech32Address } from './crypto-address.validator';
import { entityAt, type Extractor, rejectAt } from './extractor';
import type { SpanIndex } from './span-index';

/**
 * Legacy (1…/3…, 26–35 base58 characters) and segwit (bc1…) addresses as whole tokens. Bounded
 * quantifiers with look-arounds: linear. Look-alikes are checked in code.
 */
const BASE58_CANDIDATE = /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g;
const BECH32_CANDIDATE = /(?<![A-Za-z0-9])(?:bc1|BC1)[A-Za-z0-9]{11,87}(?![A-Za-z0-9])/g;

/** A base58 token with both upper and lower case letters; hex digests and numbers are not taken for failed addresses. */
function looksLikeBase58Address(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s);
}

/**
 * Bitcoin addresses: base58check with double SHA-256 (P2PKH/P2SH, mainnet) and bech32/bech32m segwit
 * (`bc1…`). Values: legacy as written (case matters), segwit lower-case.
 */
export const bitcoinExtractor: Extractor = {
  types: ['bitcoin'],
  blockedBy: [],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(BASE58_CANDIDATE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (isValidBase58Address(match[0])) found.push(entityAt(text, 'bitcoin', start, end, match[0]));
      else if (looksLikeBase58Address(match[0])) rejected?.push(rejectAt(text, 'bitcoin', start, end, 'sjekksummen stemmer ikke (base58check)'));
    }
    for (const match of text.matchAll(BECH32_CANDIDATE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (isValidBech32Address(match[0])) found.push(entityAt(text, 'bitcoin', start, end, match[0].toLowerCase()));
      else if (match[0].length >= 26 && match[0].length <= 90) {
        rejected?.push(rejectAt(text, 'bitcoin', start, end, 'sjekksummen stemmer ikke (bech32)'));
      }
    }
    return found;
  },
};
