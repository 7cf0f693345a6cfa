import { readFileSync } from 'node:fs';
import { ENTITY_TYPES } from '@mottak/domain';
import { CORPUS_PATH, parseCorpus, serializeCorpus } from './corpus/corpus';
import { generateCorpus } from './corpus/generate';
import { CHECKSUM_TYPES, type CorpusScore, scoreCorpus } from './score';

/**
 * Extraction quality on the labelled corpus (quality, not timing: `pnpm bench assessment` prints the
 * full figures and the speed). Fails when a checksum-validated identifier type falls below F1 0.98
 * overall, when any look-alike that fails validation is extracted, or when the corpus no longer
 * matches its generator.
 */
const committed = readFileSync(CORPUS_PATH, 'utf8');
const corpus = parseCorpus(committed);
let score: CorpusScore;

beforeAll(() => {
  score = scoreCorpus(corpus);
});

describe('the assessment corpus', () => {
  it('is what the seeded generator produces (regenerate with test/assessment/corpus/generate.ts)', () => {
    expect(serializeCorpus(generateCorpus()) === committed).toBe(true);
  });

  it('has at least 300 reports in bokmål, nynorsk and English, every entity type and look-alikes of every checksum type', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const languages = new Set(corpus.map((r) => r.language));
    expect([...languages].sort()).toEqual(['en', 'nb', 'nn']);
    const types = new Set(corpus.flatMap((r) => r.entities.map((e) => e.type)));
    expect(ENTITY_TYPES.filter((t) => !types.has(t))).toEqual([]);
    const lookalikes = new Set(corpus.flatMap((r) => r.mustNotExtract.map((n) => n.looksLike)));
    expect(CHECKSUM_TYPES.filter((t) => !lookalikes.has(t))).toEqual([]);
    expect(corpus.some((r) => r.format === 'html')).toBe(true);
    expect(corpus.filter((r) => r.duplicate?.role === 'near').length).toBeGreaterThan(20);
  });

  it('labels slice the normalised text where they say (normalisation removes what the generator added)', () => {
    expect(score.labelProblems.slice(0, 5)).toEqual([]);
  });
});

describe('extraction quality on the corpus', () => {
  it('finds checksum-validated identifiers with F1 ≥ 0.98', () => {
    const { checksum, mistakes } = score;
    const explain = mistakes.filter((m) => CHECKSUM_TYPES.includes(m.type)).slice(0, 10);
    expect({ f1AtLeast098: checksum.f1 >= 0.98, explain: checksum.f1 >= 0.98 ? [] : explain }).toEqual({ f1AtLeast098: true, explain: [] });
  });

  it('extracts no look-alike that fails validation, as any type', () => {
    expect(score.invalidExtracted.map((i) => `${i.reportId}: ${i.negative.raw} (${i.negative.reason}) read as ${i.extracted.type} ${i.extracted.value}`)).toEqual([]);
  });

  it('finds exact duplicates by content hash with no false pair', () => {
    const { exact } = score.duplicates;
    expect({ fp: exact.fp, fn: exact.fn }).toEqual({ fp: 0, fn: 0 });
  });
});
