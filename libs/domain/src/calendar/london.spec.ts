import fc from 'fast-check';
import { DateTime } from 'luxon';
import { dateToUtcMs, endOfLondonToday, isValidCalendarDate, londonTimeOn, todayInLondon, utcMsToDate } from './london';

describe('calendar dates', () => {
  it.each(['2026-01-01', '2026-02-28', '2028-02-29', '2026-12-31'])('accepts %s', (d) => expect(isValidCalendarDate(d)).toBe(true));

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-2-3',
    '26-02-03',
    '2026-02-03T00:00',
    ' 2026-02-03',
    '',
    'abcd-ef-gh',
  ])('rejects %p', (d) => expect(isValidCalendarDate(d)).toBe(false));

  it('agrees with a calendar library on every YYYY-MM-DD, leap years and impossible days alike', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const parsed = DateTime.fromISO(text, { zone: 'utc' });
        expect(isValidCalendarDate(text)).toBe(parsed.isValid && parsed.toISODate() === text);
        if (isValidCalendarDate(text)) expect(utcMsToDate(dateToUtcMs(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
    for (const [text, valid] of [
      ['1900-02-29', false],
      ['2000-02-29', true],
      ['0000-02-29', true],
      ['2100-02-29', false],
    ] as const) {
      expect([text, isValidCalendarDate(text)]).toEqual([text, valid]);
    }
  });

  it('gives the first of the two 01:00s on the day the clocks go back (BST), and skips none on the day they go forward', () => {
    expect(londonTimeOn('2026-10-25', 1).toISO()).toBe('2026-10-25T01:00:00.000+01:00');
    expect(londonTimeOn('2026-10-25', 1, 30).toUTC().toISO()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonTimeOn('2026-03-29', 9).toISO()).toBe('2026-03-29T09:00:00.000+01:00');
    expect(() => londonTimeOn('2026-02-30', 9)).toThrow(RangeError);
  });

  it('rejects non-strings', () => {
    expect(isValidCalendarDate(20260203)).toBe(false);
    expect(isValidCalendarDate(null)).toBe(false);
    expect(isValidCalendarDate(new Date())).toBe(false);
  });

  it('knows today in London, whatever the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST
        expect(todayInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
        expect(todayInLondon(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29');
        expect(londonTimeOn('2026-07-01', 9).toUTC().toISO()).toBe('2026-07-01T08:00:00.000Z');
      }
    } finally {
      process.env.TZ = original;
    }
  });

  it('ends today in London at the next London midnight, across the clock changes', () => {
    expect(endOfLondonToday(new Date('2026-06-30T22:59:59.999Z')).toISOString()).toBe('2026-06-30T23:00:00.000Z'); // BST
    expect(endOfLondonToday(new Date('2026-06-30T23:00:00.000Z')).toISOString()).toBe('2026-07-01T23:00:00.000Z');
    expect(endOfLondonToday(new Date('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z'); // GMT
    expect(endOfLondonToday(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T00:00:00.000Z'); // a 23-hour day follows
    expect(endOfLondonToday(new Date('2026-03-29T12:00:00Z')).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(endOfLondonToday(new Date('2026-10-25T12:00:00Z')).toISOString()).toBe('2026-10-26T00:00:00.000Z'); // a 25-hour day
    for (const at of ['2026-06-30T22:59:59.999Z', '2026-03-29T00:30:00Z', '2026-10-25T00:30:00Z']) {
      const now = new Date(at);
      const end = endOfLondonToday(now);
      expect(todayInLondon(new Date(end.getTime() - 1))).toBe(todayInLondon(now));
      expect(todayInLondon(end)).not.toBe(todayInLondon(now));
    }
  });

  it('turns the day at the instant London does, however close together it is asked (its answer is kept per second)', () => {
    expect(todayInLondon(new Date('2026-06-30T22:59:59.999Z'))).toBe('2026-06-30');
    expect(todayInLondon(new Date('2026-06-30T23:00:00.000Z'))).toBe('2026-07-01');
    // Before 1847 London kept local mean time, 75 seconds behind: its day began at 00:01:15 UTC.
    expect(todayInLondon(new Date('1800-01-01T00:01:10Z'))).toBe('1799-12-31');
    expect(todayInLondon(new Date('1800-01-01T00:01:20Z'))).toBe('1800-01-01');
  });
});
