import type { Entity } from '../api/types';

// Entity offsets from the first assessment point into the *normalised* body
// (packages/assessment/src/normalize.ts). The browser normalises the same way before slicing.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const NO_BREAK_SPACES = /[\u00A0\u202F]/g;
const LINE_BREAKS = /\r\n?/g;

/** NFKC, zero-width characters removed, no-break spaces → space, CRLF/CR → LF: as the server does. */
export function normalizeForOffsets(text: string): string {
  return text.normalize('NFKC').replace(ZERO_WIDTH, '').replace(NO_BREAK_SPACES, ' ').replace(LINE_BREAKS, '\n');
}

export interface Segment {
  text: string;
  entity?: Entity;
}

export interface HighlightedText {
  segments: Segment[];
  /** False when the offsets did not fit the text and the body is shown as it is, unmarked. */
  highlighted: boolean;
}

/**
 * Splits the body into plain and identifier segments. Every entity must fit: inside the text,
 * not overlapping the previous one, and its `raw` equal to the text at its offsets. If one does not
 * (a different normalisation, an edited body), nothing is marked rather than marking the wrong text.
 */
export function highlightEntities(body: string, entities: readonly Entity[]): HighlightedText {
  if (entities.length === 0) return { segments: [{ text: body }], highlighted: false };
  const text = normalizeForOffsets(body);
  const sorted = [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: Segment[] = [];
  let position = 0;
  for (const entity of sorted) {
    const fits =
      Number.isInteger(entity.start) &&
      Number.isInteger(entity.end) &&
      entity.start >= position &&
      entity.end > entity.start &&
      entity.end <= text.length &&
      text.slice(entity.start, entity.end) === entity.raw;
    if (!fits) return { segments: [{ text: body }], highlighted: false };
    if (entity.start > position) segments.push({ text: text.slice(position, entity.start) });
    segments.push({ text: entity.raw, entity });
    position = entity.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position) });
  return { segments, highlighted: true };
}
