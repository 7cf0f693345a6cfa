/**
 * Scores the assessment engine against the labelled corpus (test/assessment/corpus): precision,
 * recall and F1 per entity type, look-alikes that were extracted although they fail validation,
 * exact and near duplicate detection over every pair of reports, and language detection.
 * Used by `pnpm bench assessment` and by quality.test.ts; pure apart from reading the corpus file.
 */
import {
  assessContent,
  type ContentAssessment,
  defaultRuleSet,
  htmlToText,
  simhashDistance,
} from '@mottak/assessment';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '@mottak/core';
import { ENTITY_TYPES, type EntityType, type PossibleIdentifier } from '@mottak/domain';
import type { CorpusReport } from './corpus/corpus';
import type { GoldNegative } from './corpus/document';

/** Identifier types whose validity is a checksum (for Ethereum: EIP-55 on mixed-case addresses). */
export const CHECKSUM_TYPES: readonly EntityType[] = ['fodselsnummer', 'd-nummer', 'h-nummer', 'orgnr', 'kontonummer', 'iban', 'betalingskort', 'bitcoin', 'ethereum'];

/**
 * Near duplicates: SimHash Hamming distance at most the product's threshold (core's
 * NEAR_DUPLICATE_MAX_DISTANCE, 9 bits: similarity ≥ 0.86, the reach of the seen-before lookup).
 * The bench prints the whole precision/recall curve, so the trade-off of another threshold is visible.
 */
export { NEAR_DUPLICATE_MAX_DISTANCE };

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Rates extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface TypeScore extends Rates {
  type: EntityType;
  gold: number;
  extracted: number;
  /** Gold labels with offsets, and how many of them an extracted entity matched exactly (type, value and span). */
  spanChecked: number;
  spanExact: number;
  /** Look-alikes of this type in the corpus, and how many of them were extracted as something. */
  lookalikes: number;
  lookalikesExtracted: number;
}

export interface Mistake {
  reportId: string;
  kind: 'missed' | 'spurious';
  type: EntityType;
  value: string;
  raw: string;
  context: string;
}

export interface InvalidExtraction {
  reportId: string;
  negative: GoldNegative;
  extracted: { type: EntityType; raw: string; value: string };
}

export interface DuplicateScore extends Rates {
  maxDistance: number;
}

export interface CorpusScore {
  reports: number;
  perType: TypeScore[];
  /** Micro-averaged over CHECKSUM_TYPES. */
  checksum: Rates;
  /** Micro-averaged over every type. */
  overall: Rates;
  negatives: number;
  invalidExtracted: InvalidExtraction[];
  /**
   * Baseline: the same extractors with validation switched off (every "possible identifier, failed
   * validation" taken as an entity) — what the checksums buy.
   */
  unvalidated: { checksum: Rates; invalidExtracted: number };
  /** Corpus labels that do not slice the normalised text as they say (a generator or normalisation bug). */
  labelProblems: string[];
  mistakes: Mistake[];
  language: {
    correct: number;
    total: number;
    accuracy: number;
    perLanguage: Record<string, { correct: number; total: number; accuracy: number }>;
    confusion: Record<string, Record<string, number>>;
    errors: Array<{ reportId: string; expected: string; detected: string }>;
  };
  duplicates: {
    goldExactPairs: number;
    goldNearPairs: number;
    exact: Rates;
    /** Near duplicates by SimHash at NEAR_DUPLICATE_MAX_DISTANCE; pairs of exact duplicates count too. */
    near: DuplicateScore;
    curve: DuplicateScore[];
    /** Pairs outside any duplicate group at or below the threshold, closest first (for inspection). */
    falsePairs: Array<{ a: string; b: string; distance: number }>;
    missedPairs: Array<{ a: string; b: string; distance: number; edits: string[] }>;
    /** Original ↔ near variant pairs by the edits the variant made: how many are within the threshold, and their median distance. */
    byEdit: Array<{ edit: string; pairs: number; found: number; medianDistance: number }>;
  };
}

export interface AssessedReport {
  report: CorpusReport;
  /** The text the offsets refer to: normalizeText(body), after htmlToText for HTML e-mails. */
  normalizedBody: string;
  assessment: ContentAssessment;
}

/** The body the engine sees: HTML e-mails are turned into text first, as e-mail intake does. */
export function assessedBody(report: CorpusReport): string {
  return report.format === 'html' ? htmlToText(report.body) : report.body;
}

export function assessReport(report: CorpusReport): AssessedReport {
  const assessment = assessContent({ title: report.title, body: assessedBody(report), channel: report.channel }, defaultRuleSet());
  return { report, normalizedBody: assessment.normalizedBody, assessment };
}

function rates(c: Counts): Rates {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

const key = (type: string, value: string): string => `${type}\u0000${value}`;

function multiset<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}

/** Spans of a look-alike in the normalised text: its label, or every place its raw text occurs (HTML reports). */
function negativeSpans(text: string, negative: GoldNegative): Array<[number, number]> {
  if (negative.start !== undefined && negative.end !== undefined) return [[negative.start, negative.end]];
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf(negative.raw); at >= 0; at = text.indexOf(negative.raw, at + 1)) spans.push([at, at + negative.raw.length]);
  return spans;
}

/** The value an extractor would have given a look-alike had it not failed validation. */
function unvalidatedValue(p: PossibleIdentifier): string {
  if (p.type === 'bitcoin') return p.raw.startsWith('bc1') || p.raw.startsWith('BC1') ? p.raw.toLowerCase() : p.raw;
  if (p.type === 'ethereum') return p.raw.toLowerCase();
  return p.raw.replace(/^NO ?|MVA$| ?MVA$/g, '').replace(/[\s.-]/g, '');
}

function context(text: string, start: number, end: number): string {
  return `…${text.slice(Math.max(0, start - 30), start)}[${text.slice(start, end)}]${text.slice(end, end + 30)}…`.replace(/\n/g, '⏎');
}

interface EntityTally {
  counts: Map<EntityType, Counts & { gold: number; extracted: number; spanChecked: number; spanExact: number; lookalikes: number; lookalikesExtracted: number }>;
  mistakes: Mistake[];
  labelProblems: string[];
  invalid: InvalidExtraction[];
  negatives: number;
  unvalidated: Counts & { invalid: number };
}

function tallyReport(assessed: AssessedReport, tally: EntityTally): void {
  const { report, normalizedBody: text, assessment } = assessed;
  const counts = (type: EntityType) => {
    let c = tally.counts.get(type);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0, gold: 0, extracted: 0, spanChecked: 0, spanExact: 0, lookalikes: 0, lookalikesExtracted: 0 };
      tally.counts.set(type, c);
    }
    return c;
  };

  for (const label of report.entities) {
    if (label.start !== undefined && label.end !== undefined) {
      if (text.slice(label.start, label.end) !== label.raw) tally.labelProblems.push(`${report.id}: ${label.type} ${JSON.stringify(label.raw)} at ${label.start} reads ${JSON.stringify(text.slice(label.start, label.end))}`);
    } else if (!text.includes(label.raw)) {
      tally.labelProblems.push(`${report.id}: ${label.type} ${JSON.stringify(label.raw)} not in the normalised text`);
    }
  }

  const gold = multiset(report.entities, (e) => key(e.type, e.value));
  const found = multiset(assessment.entities, (e) => key(e.type, e.value));
  for (const k of new Set([...gold.keys(), ...found.keys()])) {
    const g = gold.get(k) ?? [];
    const f = found.get(k) ?? [];
    const type = (g[0]?.type ?? f[0]?.type) as EntityType;
    const c = counts(type);
    const tp = Math.min(g.length, f.length);
    c.gold += g.length;
    c.extracted += f.length;
    c.tp += tp;
    c.fn += g.length - tp;
    c.fp += f.length - tp;
    for (const missed of g.slice(tp)) {
      const at = missed.start ?? text.indexOf(missed.raw);
      tally.mistakes.push({ reportId: report.id, kind: 'missed', type, value: missed.value, raw: missed.raw, context: at >= 0 ? context(text, at, at + missed.raw.length) : '' });
    }
    for (const spurious of f.slice(tp)) {
      tally.mistakes.push({ reportId: report.id, kind: 'spurious', type, value: spurious.value, raw: spurious.raw, context: context(text, spurious.start, spurious.end) });
    }
    for (const label of g) {
      if (label.start === undefined) continue;
      c.spanChecked++;
      if (f.some((e) => e.start === label.start && e.end === label.end)) c.spanExact++;
    }
  }

  // The baseline without validation: look-alikes become entities too.
  const unvalidatedFound = multiset(
    [...assessment.entities.map((e) => ({ type: e.type, value: e.value })), ...assessment.possibleIdentifiers.map((p) => ({ type: p.type, value: unvalidatedValue(p) }))].filter((e) =>
      CHECKSUM_TYPES.includes(e.type),
    ),
    (e) => key(e.type, e.value),
  );
  const checksumGold = new Map([...gold].filter(([, list]) => CHECKSUM_TYPES.includes((list[0] as { type: EntityType }).type)));
  for (const k of new Set([...checksumGold.keys(), ...unvalidatedFound.keys()])) {
    const g = checksumGold.get(k)?.length ?? 0;
    const f = unvalidatedFound.get(k)?.length ?? 0;
    const tp = Math.min(g, f);
    tally.unvalidated.tp += tp;
    tally.unvalidated.fn += g - tp;
    tally.unvalidated.fp += f - tp;
  }

  for (const negative of report.mustNotExtract) {
    tally.negatives++;
    const c = counts(negative.looksLike);
    c.lookalikes++;
    const spans = negativeSpans(text, negative);
    if (spans.length === 0) tally.labelProblems.push(`${report.id}: look-alike ${JSON.stringify(negative.raw)} not in the normalised text`);
    if (negative.start !== undefined && text.slice(negative.start, negative.end) !== negative.raw) {
      tally.labelProblems.push(`${report.id}: look-alike ${JSON.stringify(negative.raw)} at ${negative.start} reads ${JSON.stringify(text.slice(negative.start, negative.end))}`);
    }
    const overlaps = (s: { start: number; end: number }) => spans.some(([a, b]) => s.start < b && a < s.end);
    const hit = assessment.entities.find(overlaps);
    if (hit) {
      c.lookalikesExtracted++;
      tally.invalid.push({ reportId: report.id, negative, extracted: { type: hit.type, raw: hit.raw, value: hit.value } });
    }
    if (hit || assessment.possibleIdentifiers.some(overlaps)) tally.unvalidated.invalid++;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function duplicateScores(assessed: readonly AssessedReport[]): CorpusScore['duplicates'] {
  const groups = multiset(
    assessed.filter((a) => a.report.duplicate),
    (a) => a.report.duplicate?.group ?? '',
  );
  const goldExact = new Set<string>();
  const goldNear = new Set<string>();
  for (const members of groups.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i] as AssessedReport;
        const b = members[j] as AssessedReport;
        goldNear.add(pairKey(a.report.id, b.report.id));
        if (a.report.duplicate?.role !== 'near' && b.report.duplicate?.role !== 'near') goldExact.add(pairKey(a.report.id, b.report.id));
      }
    }
  }

  const exact: Counts = { tp: 0, fp: 0, fn: 0 };
  const predictedExact = new Set<string>();
  for (const same of multiset(assessed, (a) => a.assessment.contentHash).values()) {
    for (let i = 0; i < same.length; i++) for (let j = i + 1; j < same.length; j++) predictedExact.add(pairKey((same[i] as AssessedReport).report.id, (same[j] as AssessedReport).report.id));
  }
  for (const p of predictedExact) if (goldExact.has(p)) exact.tp++;
  exact.fp = predictedExact.size - exact.tp;
  exact.fn = goldExact.size - exact.tp;

  // Every pair once: 345 reports are 59 340 pairs, a few milliseconds.
  const maxCurve = 24;
  const byDistance = Array.from({ length: 65 }, () => ({ gold: 0, other: 0 }));
  const falsePairs: CorpusScore['duplicates']['falsePairs'] = [];
  const distanceOf = new Map<string, number>();
  for (let i = 0; i < assessed.length; i++) {
    for (let j = i + 1; j < assessed.length; j++) {
      const a = assessed[i] as AssessedReport;
      const b = assessed[j] as AssessedReport;
      const d = simhashDistance(a.assessment.simhash, b.assessment.simhash);
      const k = pairKey(a.report.id, b.report.id);
      const bucket = byDistance[d] as { gold: number; other: number };
      if (goldNear.has(k)) {
        bucket.gold++;
        distanceOf.set(k, d);
      } else {
        bucket.other++;
        if (d <= NEAR_DUPLICATE_MAX_DISTANCE) falsePairs.push({ a: a.report.id, b: b.report.id, distance: d });
      }
    }
  }
  const curve: DuplicateScore[] = [];
  let tp = 0;
  let fp = 0;
  for (let d = 0; d <= maxCurve; d++) {
    tp += byDistance[d]?.gold ?? 0;
    fp += byDistance[d]?.other ?? 0;
    curve.push({ maxDistance: d, ...rates({ tp, fp, fn: goldNear.size - tp }) });
  }
  const byId = new Map(assessed.map((a) => [a.report.id, a]));
  const missedPairs = [...distanceOf]
    .filter(([, d]) => d > NEAR_DUPLICATE_MAX_DISTANCE)
    .map(([k, d]) => {
      const [a = '', b = ''] = k.split('|');
      const edits = [...(byId.get(a)?.report.duplicate?.edits ?? []), ...(byId.get(b)?.report.duplicate?.edits ?? [])];
      return { a, b, distance: d, edits };
    })
    .sort((x, y) => y.distance - x.distance);
  const perEdit = new Map<string, number[]>();
  for (const members of groups.values()) {
    const original = members.find((m) => m.report.duplicate?.role === 'original');
    if (!original) continue;
    for (const variant of members) {
      if (variant.report.duplicate?.role !== 'near') continue;
      const d = distanceOf.get(pairKey(original.report.id, variant.report.id)) ?? 64;
      for (const edit of variant.report.duplicate.edits) perEdit.set(edit, [...(perEdit.get(edit) ?? []), d]);
    }
  }
  const byEdit = [...perEdit]
    .map(([edit, ds]) => {
      const sorted = [...ds].sort((x, y) => x - y);
      return { edit, pairs: ds.length, found: ds.filter((d) => d <= NEAR_DUPLICATE_MAX_DISTANCE).length, medianDistance: sorted[Math.floor((sorted.length - 1) / 2)] ?? 64 };
    })
    .sort((x, y) => x.edit.localeCompare(y.edit));
  return {
    goldExactPairs: goldExact.size,
    goldNearPairs: goldNear.size,
    exact: rates(exact),
    near: curve[NEAR_DUPLICATE_MAX_DISTANCE] as DuplicateScore,
    curve,
    falsePairs: falsePairs.sort((x, y) => x.distance - y.distance),
    missedPairs,
    byEdit,
  };
}

function languageScores(assessed: readonly AssessedReport[]): CorpusScore['language'] {
  const perLanguage: CorpusScore['language']['perLanguage'] = {};
  const confusion: Record<string, Record<string, number>> = {};
  const errors: CorpusScore['language']['errors'] = [];
  let correct = 0;
  for (const { report, assessment } of assessed) {
    const expected = report.language;
    const detected = assessment.language;
    const row = (confusion[expected] ??= {});
    row[detected] = (row[detected] ?? 0) + 1;
    const lang = (perLanguage[expected] ??= { correct: 0, total: 0, accuracy: 0 });
    lang.total++;
    if (detected === expected) {
      lang.correct++;
      correct++;
    } else {
      errors.push({ reportId: report.id, expected, detected });
    }
  }
  for (const l of Object.values(perLanguage)) l.accuracy = l.correct / l.total;
  return { correct, total: assessed.length, accuracy: correct / assessed.length, perLanguage, confusion, errors };
}

/** Scores already assessed reports (the bench times the assessment separately). */
export function scoreAssessed(assessed: readonly AssessedReport[]): CorpusScore {
  const tally: EntityTally = { counts: new Map(), mistakes: [], labelProblems: [], invalid: [], negatives: 0, unvalidated: { tp: 0, fp: 0, fn: 0, invalid: 0 } };
  for (const a of assessed) tallyReport(a, tally);
  const perType: TypeScore[] = ENTITY_TYPES.filter((t) => tally.counts.has(t)).map((type) => {
    const c = tally.counts.get(type) as NonNullable<ReturnType<typeof tally.counts.get>>;
    return { type, ...rates(c), gold: c.gold, extracted: c.extracted, spanChecked: c.spanChecked, spanExact: c.spanExact, lookalikes: c.lookalikes, lookalikesExtracted: c.lookalikesExtracted };
  });
  const sum = (types: readonly EntityType[]): Counts =>
    perType.filter((t) => types.includes(t.type)).reduce((acc, t) => ({ tp: acc.tp + t.tp, fp: acc.fp + t.fp, fn: acc.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    reports: assessed.length,
    perType,
    checksum: rates(sum(CHECKSUM_TYPES)),
    overall: rates(sum(ENTITY_TYPES)),
    negatives: tally.negatives,
    invalidExtracted: tally.invalid,
    unvalidated: { checksum: rates(tally.unvalidated), invalidExtracted: tally.unvalidated.invalid },
    labelProblems: tally.labelProblems,
    mistakes: tally.mistakes,
    language: languageScores(assessed),
    duplicates: duplicateScores(assessed),
  };
}

export function scoreCorpus(reports: readonly CorpusReport[]): CorpusScore {
  return scoreAssessed(reports.map(assessReport));
}
