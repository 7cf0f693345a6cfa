import { SpanIndex } from './span-index';

describe('SpanIndex', () => {
  const index = new SpanIndex([
    { start: 10, end: 20 },
    { start: 15, end: 25 },
    { start: 40, end: 45 },
  ]);

  it('detects overlaps with merged spans and respects half-open ends', () => {
    expect(index.overlaps(0, 10)).toBe(false);
    expect(index.overlaps(9, 11)).toBe(true);
    expect(index.overlaps(24, 30)).toBe(true);
    expect(index.overlaps(25, 40)).toBe(false);
    expect(index.overlaps(44, 50)).toBe(true);
    expect(index.overlaps(45, 50)).toBe(false);
  });

  it('detects containment', () => {
    expect(index.covers(12, 24)).toBe(true);
    expect(index.covers(10, 25)).toBe(true);
    expect(index.covers(9, 12)).toBe(false);
    expect(index.covers(24, 41)).toBe(false);
  });

  it('is empty for no spans', () => {
    expect(new SpanIndex([]).overlaps(0, 100)).toBe(false);
  });
});
