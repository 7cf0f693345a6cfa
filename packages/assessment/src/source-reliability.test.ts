import { suggestSourceReliability } from './source-reliability';

const history = (graded: number, confirmed: number, earlier = graded) => ({ earlier, graded, confirmed });

describe('suggestSourceReliability', () => {
  it('gives F with its reason when the source is unknown or has no graded history', () => {
    expect(suggestSourceReliability(history(0, 0), false)).toMatchObject({ reliability: 'F', known: false, reason: expect.stringContaining('Ukjent kilde') });
    expect(suggestSourceReliability(history(0, 0))).toMatchObject({ reliability: 'F', reason: 'Ingen tidligere graderte meldinger fra kilden → F' });
    expect(suggestSourceReliability(history(0, 0, 4)).reason).toBe('Ingen tidligere graderte meldinger fra kilden (4 til uten endelig gradering telles ikke) → F');
  });

  it('gives F below three graded reports, however many were confirmed', () => {
    const suggestion = suggestSourceReliability(history(2, 2));
    expect(suggestion.reliability).toBe('F');
    expect(suggestion.reason).toBe('Bare 2 av 2 tidligere graderte meldinger bekreftet (troverdighet 1–2); for lite til å bedømme → F');
  });

  it.each([
    [8, 7, 'B'],
    [20, 19, 'A'],
    [10, 10, 'A'],
    [9, 9, 'B'],
    [10, 8, 'B'],
    [10, 7, 'C'],
    [10, 6, 'C'],
    [10, 4, 'D'],
    [10, 3, 'E'],
    [3, 0, 'E'],
  ] as const)('%i graded, %i confirmed → %s', (graded, confirmed, letter) => {
    expect(suggestSourceReliability(history(graded, confirmed)).reliability).toBe(letter);
  });

  it('explains the letter with the counts it came from', () => {
    expect(suggestSourceReliability(history(8, 7)).reason).toBe('7 av 8 tidligere graderte meldinger bekreftet (troverdighet 1–2) → B');
    expect(suggestSourceReliability(history(9, 9, 11)).reason).toBe(
      '9 av 9 tidligere graderte meldinger bekreftet (troverdighet 1–2) (2 til uten endelig gradering telles ikke) → B (A krever minst 10 graderte)',
    );
  });
});
