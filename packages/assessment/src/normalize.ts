/** Zero-width characters that survive NFKC and would otherwise hide identifiers or defeat duplicate detection. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** No-break spaces NFKC may leave in place depending on context; treated as ordinary spaces. */
const NO_BREAK_SPACES = /[\u00A0\u202F]/g;
const LINE_BREAKS = /\r\n?/g;

/** NFKC, zero-width chars (U+200B-U+200D, U+2060, U+FEFF) removed, NBSP/narrow NBSP → space, CRLF/CR → LF. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(NO_BREAK_SPACES, ' ')
    .replace(LINE_BREAKS, '\n');
}

/**
 * Normalised, case-folded, whitespace-collapsed form used for comparisons (content hash, keyword rules).
 * Offsets into this text do not map back to the original, so it is never used for entities.
 */
export function foldForComparison(text: string): string {
  return normalizeText(text).toLowerCase().replace(/\s+/g, ' ').trim();
}
