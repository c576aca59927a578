import { emailRetryDelaySeconds } from './email-outbox';
import { isPermanentEmailFailure, PermanentEmailError } from './email-channel';

describe('email retry policy', () => {
  it('backs off exponentially from the base, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => emailRetryDelaySeconds(n, 30, 1800))).toEqual([30, 60, 120, 240, 480, 960, 1800]);
    expect(emailRetryDelaySeconds(500, 30, 1800)).toBe(1800);
  });

  it('covers 72 hours with many attempts at the defaults (not 8 in two minutes)', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 72 * 3600) elapsed += emailRetryDelaySeconds(++attempts, 30, 1800);
    expect(attempts).toBeGreaterThan(140);
  });

  it('treats an SMTP 5xx reply and a PermanentEmailError as permanent, anything else as transient', () => {
    expect(isPermanentEmailFailure(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentEmailFailure(new PermanentEmailError('Notify 400'))).toBe(true);
    expect(isPermanentEmailFailure(Object.assign(new Error('421 try later'), { responseCode: 421 }))).toBe(false);
    expect(isPermanentEmailFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});
