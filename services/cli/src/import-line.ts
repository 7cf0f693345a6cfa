import { type Channel, type NewReport, newReportSchema } from '@mottak/domain';
import { describeIssues, formatProblems } from './validation-messages';

export type ParsedLine = { ok: true; input: NewReport } | { ok: false; reason: string };

/**
 * Parses one JSONL line into a report: JSON first, then the API's strict schema, so a file is
 * held to exactly what POST /api/v1/reports accepts. `defaultChannel` fills a missing channel only.
 */
export function parseImportLine(text: string, defaultChannel: Channel | undefined): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `ugyldig JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (defaultChannel && isPlainObject(value) && value.channel === undefined) {
    value = { ...value, channel: defaultChannel };
  }
  const parsed = newReportSchema.safeParse(value);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, reason: formatProblems(describeIssues(parsed.error.issues, value)) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
