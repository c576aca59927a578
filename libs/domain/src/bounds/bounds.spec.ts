import { characterCount, excerpt, firstCharacters, isPgInt, plannedTransferDateProblem, textProblem, PG_INT_MAX } from './bounds';

describe('bounds', () => {
  it('accepts Postgres integers only', () => {
    expect(isPgInt(0)).toBe(true);
    expect(isPgInt(PG_INT_MAX)).toBe(true);
    expect(isPgInt(PG_INT_MAX + 1)).toBe(false);
    expect(isPgInt(2 ** 63)).toBe(false);
    expect(isPgInt(1e300)).toBe(false);
    expect(isPgInt(1.5)).toBe(false);
    expect(isPgInt(Number.NaN)).toBe(false);
    expect(isPgInt('1')).toBe(false);
    expect(isPgInt(-1, 0)).toBe(false);
  });

  it('keeps planned transfer dates between today and ten years ahead', () => {
    expect(plannedTransferDateProblem('2027-01-01', '2026-12-01')).toBeNull();
    expect(plannedTransferDateProblem('2026-12-01', '2026-12-01')).toBeNull();
    expect(plannedTransferDateProblem('2026-11-30', '2026-12-01')).toMatch(/today or later/);
    expect(plannedTransferDateProblem('2036-12-01', '2026-12-01')).toBeNull();
    expect(plannedTransferDateProblem('2036-12-02', '2026-12-01')).toMatch(/10 years ahead/);
    expect(plannedTransferDateProblem('9999-12-31', '2026-12-01')).toMatch(/10 years ahead/);
    expect(plannedTransferDateProblem('2027-02-30', '2026-12-01')).toMatch(/real date/);
  });

  it('refuses control characters and unpaired surrogates but keeps line breaks and emoji', () => {
    expect(textProblem('Line one\r\nLine two\ttabbed')).toBeNull();
    expect(textProblem('Café 👩‍🔧 Ysgol Gymraeg')).toBeNull();
    expect(textProblem('bell\u0007')).toMatch(/U\+0007 at position 4/);
    expect(textProblem('nul\u0000')).toMatch(/U\+0000/);
    expect(textProblem('esc\u001b[31m')).toMatch(/U\+001B/);
    expect(textProblem('vt\u000b')).toMatch(/U\+000B/);
    expect(textProblem('c1\u0085')).toMatch(/U\+0085/);
    expect(textProblem('lone \ud800 high')).toMatch(/unpaired surrogate at position 5/);
    expect(textProblem('lone \udc00 low')).toMatch(/unpaired surrogate/);
    expect(textProblem('\ud83d')).toMatch(/unpaired surrogate/);
  });
});

describe('characters as people count them', () => {
  it('counts an emoji as one character and never cuts inside one', () => {
    expect(characterCount('😀'.repeat(3))).toBe(3);
    expect(firstCharacters('😀😀😀', 2)).toBe('😀😀');
    expect(excerpt('ab😀cd', 4)).toBe('ab😀…');
    expect(excerpt('ab😀', 3)).toBe('ab😀');
    // The UTF-16 slice this replaces leaves a lone surrogate, which Postgres refuses in text and jsonb.
    expect(/[\uD800-\uDBFF]$/.test('ab😀'.slice(0, 3))).toBe(true);
    expect(/[\uD800-\uDBFF]$/.test(excerpt('😀'.repeat(600), 500).slice(0, -1))).toBe(false);
  });
});
