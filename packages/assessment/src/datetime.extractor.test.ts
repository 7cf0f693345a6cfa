import { datetimeExtractor } from './datetime.extractor';

const values = (text: string) => datetimeExtractor.extract(text).map((e) => [text.slice(e.start, e.end), e.value]);

describe('datetimeExtractor', () => {
  it('reads a Norwegian date with month name and time as ISO 8601 local time', () => {
    expect(values('Det skjedde 3. mars 2026 kl. 14.30 ved kaia.')).toEqual([['3. mars 2026 kl. 14.30', '2026-03-03T14:30']]);
    expect(values('Den 24. des. 2025 klokka 9')).toEqual([['24. des. 2025 klokka 9', '2025-12-24T09:00']]);
  });

  it('reads numeric dates: dd.mm.yy, d/m-yyyy, dd/mm/yyyy and ISO', () => {
    expect(values('03.03.26, 3/3-2026, 03/03/2026 og 2026-03-03')).toEqual([
      ['03.03.26', '2026-03-03'],
      ['3/3-2026', '2026-03-03'],
      ['03/03/2026', '2026-03-03'],
      ['2026-03-03', '2026-03-03'],
    ]);
  });

  it('reads two-digit years as POSIX does (69–99 → 1900s)', () => {
    expect(values('01.01.70 og 01.01.68')).toEqual([
      ['01.01.70', '1970-01-01'],
      ['01.01.68', '2068-01-01'],
    ]);
  });

  it('joins a following time: kl., comma and colon, ISO T', () => {
    expect(values('03.03.26 kl 14:30')).toEqual([['03.03.26 kl 14:30', '2026-03-03T14:30']]);
    expect(values('03.03.2026, 14:30:05')).toEqual([['03.03.2026, 14:30:05', '2026-03-03T14:30:05']]);
    expect(values('2026-03-03T14:30')).toEqual([['2026-03-03T14:30', '2026-03-03T14:30']]);
  });

  it('reads a time alone only after kl./klokka/klokken', () => {
    expect(values('Ca. kl. 14:30 og Kl 9, men ikke 14:30 alene')).toEqual([
      ['kl. 14:30', '14:30'],
      ['Kl 9', '09:00'],
    ]);
  });

  it('reads four-digit times after kl./klokka (kl. 0230), alone and after a date', () => {
    expect(values('Vekter ringte kl. 0230, igjen kl 1455 og klokka 2359.')).toEqual([
      ['kl. 0230', '02:30'],
      ['kl 1455', '14:55'],
      ['klokka 2359', '23:59'],
    ]);
    expect(values('03.03.26 kl. 1430')).toEqual([['03.03.26 kl. 1430', '2026-03-03T14:30']]);
    expect(values('kl. 2460 kl 12345 kl. 930')).toEqual([]);
  });

  it('reads day-first English dates, as in e-mail headers', () => {
    expect(values('Date: Sat, 11 Oct 2025 14:55:56 +0200')).toEqual([['11 Oct 2025 14:55:56', '2025-10-11T14:55:56']]);
    expect(values('on 3 March 2026, 24 December 2025 and 1 May 2026')).toEqual([
      ['3 March 2026', '2026-03-03'],
      ['24 December 2025', '2025-12-24'],
      ['1 May 2026', '2026-05-01'],
    ]);
  });

  it('refuses impossible dates and times, and numbers inside longer ones', () => {
    expect(values('31.02.2026 29.02.2025 kl. 25.00 kl. 14.61 1.2.3.4 12.03.2026.5 3. mars')).toEqual([]);
    expect(values('29.02.2024')).toEqual([['29.02.2024', '2024-02-29']]);
  });
});
