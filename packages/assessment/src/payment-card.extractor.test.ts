import type { PossibleIdentifier } from '@mottak/domain';
import { paymentCardExtractor } from './payment-card.extractor';

function scan(text: string) {
  const rejected: PossibleIdentifier[] = [];
  const entities = paymentCardExtractor.extract(text, undefined, rejected);
  return { entities, rejected };
}
const values = (text: string) => scan(text).entities.map((e) => e.value);

describe('paymentCardExtractor', () => {
  it('finds Luhn-valid card numbers compact, spaced and dashed, normalised to digits', () => {
    const text = 'Kort 4111 1111 1111 1111, 5555-5555-5555-4444, 378282246310005 og 3782 822463 10005.';
    const found = scan(text).entities;
    expect(found.map((e) => e.value)).toEqual(['4111111111111111', '5555555555554444', '378282246310005', '378282246310005']);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
  });

  it('finds a card followed by more digits (expiry, CVC) in the same run', () => {
    expect(values('4111 1111 1111 1111 123')).toEqual(['4111111111111111']);
    expect(values('4222 2222 2222 2')).toEqual(['4222222222222']);
  });

  it('never reports Luhn failures, numbers outside 13–19 digits or with mixed separators', () => {
    expect(values('4111 1111 1111 1112')).toEqual([]);
    expect(values('411111111111 41111111111111111111')).toEqual([]);
    expect(values('4111-1111 1111 1111')).toEqual([]);
  });

  it('does not read phone numbers or 11-digit identity numbers as a card', () => {
    expect(values('922 33 444 41 23 45 67 01017000027')).toEqual([]);
  });

  it('lists a 4-4-4-4 number failing Luhn as a possible identifier', () => {
    expect(scan('kort 4111 1111 1111 1112').rejected).toEqual([
      { type: 'betalingskort', raw: '4111 1111 1111 1112', start: 5, end: 24, reason: 'Luhn-kontrollen feiler' },
    ]);
    expect(scan('ordre 1234567890123').rejected).toEqual([]);
  });
});
