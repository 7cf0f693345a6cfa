import fc from 'fast-check';
import { EXTRACTORS, type Extractor, extractEntityScan, htmlToText, normalizeText } from '@mottak/assessment';
import type { PossibleIdentifier } from '@mottak/domain';
import { ADVERSARIAL_INPUTS } from './adversarial';

/**
 * Every extractor must finish on adversarial input and return well-formed spans. No timing is
 * asserted (jest's timeout is the only bound); `pnpm bench assessment` reports how long each takes
 * on 1 MB. Here the inputs are 64 KB, which keeps the whole file to seconds.
 */
const SIZE = 64 * 1024;

/** Problems with the spans an extractor returned for `text` (empty when all are well-formed). */
function spanProblems(extractor: Extractor, text: string): string[] {
  const rejected: PossibleIdentifier[] = [];
  const entities = extractor.extract(text, undefined, rejected);
  const problems: string[] = [];
  for (const e of entities) {
    if (!extractor.types.includes(e.type)) problems.push(`type ${e.type} not among ${extractor.types.join(',')}`);
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end && e.end <= text.length)) problems.push(`bad span ${e.start}-${e.end}`);
    else if (text.slice(e.start, e.end) !== e.raw) problems.push(`raw of ${e.type}@${e.start} does not slice the text`);
    if (e.value === '') problems.push(`empty value ${e.type}@${e.start}`);
  }
  for (const p of rejected) {
    if (!(p.start >= 0 && p.start < p.end && p.end <= text.length) || text.slice(p.start, p.end) !== p.raw) problems.push(`bad look-alike span ${p.type}@${p.start}`);
  }
  return problems.slice(0, 5);
}

const extractorName = (e: Extractor): string => e.types.join('/');

describe.each(ADVERSARIAL_INPUTS.map((input) => [input.name, input] as const))('adversarial input: %s', (_name, input) => {
  const text = normalizeText(input.make(SIZE));

  it.each(EXTRACTORS.map((e) => [extractorName(e), e] as const))('%s finishes with well-formed spans', (_extractor, extractor) => {
    expect(spanProblems(extractor, text)).toEqual([]);
  });

  it('the whole scan finishes with spans that slice the text', () => {
    const { entities, possibleIdentifiers } = extractEntityScan(text);
    const bad = [...entities, ...possibleIdentifiers].filter((s) => text.slice(s.start, s.end) !== s.raw);
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('htmlToText finishes', () => {
    expect(typeof htmlToText(input.make(SIZE))).toBe('string');
  });
});

describe('extractors on random identifier-shaped strings', () => {
  const unit = fc.constantFrom(...'0123456789 .:@+-/()[]<>abcdefx'.split(''), 'NO', 'MVA', 'kl. ', 'bc1', '0x', 'http://', 'www.', '\u00A0', '\u200B', 'æ', '\uFF11', '\n');
  it.each(EXTRACTORS.map((e) => [extractorName(e), e] as const))('%s returns well-formed spans', (_name, extractor) => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 400 }), (raw) => {
        expect(spanProblems(extractor, normalizeText(raw))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
