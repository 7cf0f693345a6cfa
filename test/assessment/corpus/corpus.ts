import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Channel } from '@mottak/domain';
import type { GoldEntity, GoldNegative } from './document';
import type { Lang } from './phrases';

/** The committed corpus (one report per line); regenerate with generate.ts. */
export const CORPUS_PATH = path.join(__dirname, 'reports.jsonl');

export type ReportKind = 'tip' | 'call-note' | 'e-mail' | 'e-mail-html' | 'partner';

/** One labelled synthetic report. */
export interface CorpusReport {
  id: string;
  kind: ReportKind;
  channel: Channel;
  language: Lang;
  /** `html`: the body is an HTML e-mail; it is assessed as htmlToText(body), as e-mail intake does. */
  format: 'text' | 'html';
  title: string;
  body: string;
  /** Every identifier, date and time that must be extracted (offsets into normalizeText(body) for `text`). */
  entities: GoldEntity[];
  /** Look-alikes that fail validation: no entity may overlap them. */
  mustNotExtract: GoldNegative[];
  /** Members of one group are duplicates of each other: `exact` ones equal the original up to case, white space and invisible characters. */
  duplicate?: { group: string; role: 'original' | 'exact' | 'near'; edits: string[] };
}

export function parseCorpus(jsonl: string): CorpusReport[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusReport);
}

export function loadCorpus(file = CORPUS_PATH): CorpusReport[] {
  return parseCorpus(readFileSync(file, 'utf8'));
}

/** Invisible and easily confused characters are written as \u escapes, so the file can be reviewed. */
// Combining marks (\p{Mn}) stand outside the class: inside one they would combine with their neighbour.
const ESCAPED = /\p{Mn}|[\u00A0\u00AD\u180E\u200B-\u200F\u2028\u2029\u202A-\u202F\u2060-\u2064\uFB01\uFB02\uFEFF\uFF01-\uFF5E\r]/gu;

export function serializeCorpus(reports: readonly CorpusReport[]): string {
  return `${reports.map((r) => JSON.stringify(r).replace(ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('\n')}\n`;
}
