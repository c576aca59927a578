import { parseIsoDuration } from './duration';

describe('parseIsoDuration', () => {
  it.each([
    ['P14D', true],
    ['P3D', true],
    ['P1W', true],
    ['P1M', true],
    ['P1Y2M', true],
    ['PT30S', false],
    ['PT2H', false],
    ['P1DT1H', false],
    ['P1.5D', false],
  ])('parses %s (day-sized: %s)', (iso, daySized) => {
    const parsed = parseIsoDuration(iso);
    expect(parsed.ok && parsed.daySized).toBe(daySized);
  });

  it.each(['', '14D', 'P', 'PT', 'P0D', 'PT0S', 'P-1D', '-P1D', 'P1DT-1H', 'soon', 'P1X'])('rejects %p', (iso) => {
    expect(parseIsoDuration(iso).ok).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(parseIsoDuration(14).ok).toBe(false);
    expect(parseIsoDuration(undefined).ok).toBe(false);
  });
});

describe('parseIsoDuration bounds', () => {
  it('refuses durations longer than five years', () => {
    expect(parseIsoDuration('P5Y').ok).toBe(true);
    expect(parseIsoDuration('P1826D').ok).toBe(true);
    expect(parseIsoDuration('P1000000Y')).toEqual({ ok: false, error: 'P1000000Y must be no longer than five years' });
    expect(parseIsoDuration('P1900D').ok).toBe(false);
    expect(parseIsoDuration('PT99999999999H').ok).toBe(false);
  });
});
