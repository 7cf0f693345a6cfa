/**
 * Deepest nesting of objects/arrays in raw JSON text, counted without parsing (strings skipped),
 * so a hostile body is refused before it reaches JSON.parse or zod.
 */
export function jsonNestingDepth(buffer: Buffer, stopAbove: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i += 1) {
    const byte = buffer[i];
    if (inString) {
      if (byte === 0x5c) i += 1; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > max) max = depth;
      if (max > stopAbove) return max;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return max;
}
