import { createHash } from 'node:crypto';

/** UUIDv4 format, as STIX 2.1 identifiers of SDOs use it. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A stable identifier `type--uuid` in UUIDv4 format, derived from a name: the same report
 * exported twice keeps its STIX id, so a recipient updates its copy instead of adding another.
 */
export function stableStixId(type: string, name: string): string {
  const bytes = createHash('sha256').update(`mottak:${type}:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${type}--${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A STIX timestamp (RFC 3339, UTC, millisecond precision) of any parsable date text. */
export function stixTimestamp(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Ugyldig tidspunkt: ${String(value)}`);
  return date.toISOString();
}
