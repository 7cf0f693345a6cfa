/**
 * Invisible characters that survive NFKC and would otherwise hide identifiers or defeat duplicate
 * detection: zero-width space/joiners, word joiner, BOM, soft hyphen, combining grapheme joiner,
 * Mongolian vowel separator and the invisible math operators. Bidi controls are kept: they change how
 * right-to-left text reads.
 */
// U+034F is a combining mark, so it stands outside the character class (a class would read it as combined with its neighbour).
const ZERO_WIDTH = /\u034F|[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
/** No-break spaces NFKC may leave in place depending on context; treated as ordinary spaces. */
const NO_BREAK_SPACES = /[\u00A0\u202F]/g;
const LINE_BREAKS = /\r\n?/g;

/**
 * NFKC, invisible characters (see ZERO_WIDTH) removed, NBSP/narrow NBSP → ordinary space (removing
 * them would glue words and number groups together), CRLF/CR → LF.
 */
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
