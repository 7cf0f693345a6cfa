import type { Entity } from '../api/types';
import { highlightEntities, normalizeForOffsets } from './highlight';

const phone = (start: number, raw: string): Entity => ({ type: 'phone', value: '+4792233444', raw, start, end: start + raw.length });

describe('identifier highlighting', () => {
  it('normalises like the server: NFKC, zero-width removed, NBSP to space, CRLF to LF', () => {
    expect(normalizeForOffsets('９２２\u200B33\u00A0444\r\nx\ry')).toBe('92233 444\nx\ny');
  });

  it('marks identifiers at their offsets into the normalised body', () => {
    // Full-width digits and a zero-width space before the number move every offset after them.
    const body = 'Ring\u200B ９２２ 33 444 i dag';
    const normalised = normalizeForOffsets(body);
    const start = normalised.indexOf('922');
    const result = highlightEntities(body, [phone(start, '922 33 444')]);
    expect(result.highlighted).toBe(true);
    expect(result.segments).toEqual([{ text: 'Ring ' }, { text: '922 33 444', entity: expect.objectContaining({ type: 'phone' }) }, { text: ' i dag' }]);
  });

  it('falls back to the plain body when an offset does not fit the text', () => {
    const body = 'Ring 922 33 444';
    for (const entity of [phone(4, '922 33 444'), phone(10, '922 33 444'), { ...phone(5, '922 33 444'), end: 99 }]) {
      expect(highlightEntities(body, [entity])).toEqual({ segments: [{ text: body }], highlighted: false });
    }
  });

  it('refuses overlapping identifiers instead of marking text twice', () => {
    const body = 'a 922 33 444';
    expect(highlightEntities(body, [phone(2, '922 33 444'), phone(4, '2 33 444')]).highlighted).toBe(false);
  });
});
