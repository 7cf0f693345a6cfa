import { contentHash } from './content-hash';

describe('contentHash', () => {
  const base = contentHash('Mistenkelig drone', 'Observert over Kårstø kl. 22.');

  it('is a SHA-256 hex digest', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is equal for reports differing only in case, white space and zero-width characters', () => {
    expect(contentHash('  MISTENKELIG   drone ', 'Observert\r\nover\u00A0Kårstø\u200B kl. 22.  ')).toBe(base);
  });

  it('is equal for composed and decomposed letters', () => {
    expect(contentHash('Mistenkelig drone', 'Observert over Ka\u030Arstø kl. 22.')).toBe(base);
  });

  it('differs when the words differ', () => {
    expect(contentHash('Mistenkelig drone', 'Observert over Kårstø kl. 23.')).not.toBe(base);
    expect(contentHash('Mistenkelig drone!', 'Observert over Kårstø kl. 22.')).not.toBe(base);
  });

  it('keeps title and body apart (moving a word between them changes the hash)', () => {
    expect(contentHash('a b', 'c')).not.toBe(contentHash('a', 'b c'));
  });
});
