import { NOTIFICATION_TYPES } from '../vocabulary';
import { digestCutoff, emailRouteFor, isRoutineNotification, nextDigestAt } from './email-preferences';

describe('email routing', () => {
  it('holds routine notices for the digest by default, and follows the preference', () => {
    expect(emailRouteFor('task_due_soon', undefined)).toBe('digest');
    expect(emailRouteFor('task_due_soon', 'daily_digest')).toBe('digest');
    expect(emailRouteFor('journey_event', 'immediately')).toBe('now');
    expect(emailRouteFor('expression_of_interest_received', 'in_app_only')).toBe('none');
  });

  it('always emails overdue deadlines and escalations at once, whatever the preference', () => {
    for (const type of ['task_overdue', 'escalation_opened', 'escalation_raised', 'escalation_resolved']) {
      for (const pref of [undefined, 'daily_digest', 'immediately', 'in_app_only'] as const) expect(emailRouteFor(type, pref)).toBe('now');
    }
  });

  it('counts every other notice type as routine', () => {
    const routine = NOTIFICATION_TYPES.filter(isRoutineNotification);
    expect(routine).toEqual(['task_due_soon', 'expression_of_interest_received', 'expression_of_interest_decided', 'journey_event']);
  });
});

describe('digest times (07:00 London, Monday to Friday)', () => {
  it('is today at 07:00 once that has passed on a weekday, in winter (GMT) and summer (BST)', () => {
    expect(digestCutoff(new Date('2026-12-02T07:00:00Z'))).toEqual({ date: '2026-12-02', at: new Date('2026-12-02T07:00:00Z') });
    expect(digestCutoff(new Date('2026-06-10T06:30:00Z'))).toEqual({ date: '2026-06-10', at: new Date('2026-06-10T06:00:00Z') });
  });

  it('is the previous weekday before 07:00, and Friday over the weekend', () => {
    expect(digestCutoff(new Date('2026-12-02T06:59:59Z')).date).toBe('2026-12-01');
    // Saturday 5 and Sunday 6 December 2026; Monday 7 before 07:00.
    expect(digestCutoff(new Date('2026-12-05T12:00:00Z')).date).toBe('2026-12-04');
    expect(digestCutoff(new Date('2026-12-07T06:00:00Z')).date).toBe('2026-12-04');
    expect(digestCutoff(new Date('2026-12-07T07:00:00Z')).date).toBe('2026-12-07');
  });

  it('gives the next digest after now', () => {
    expect(nextDigestAt(new Date('2026-12-02T06:00:00Z'))).toEqual(new Date('2026-12-02T07:00:00Z'));
    expect(nextDigestAt(new Date('2026-12-02T07:00:00Z'))).toEqual(new Date('2026-12-03T07:00:00Z'));
    expect(nextDigestAt(new Date('2026-12-04T08:00:00Z'))).toEqual(new Date('2026-12-07T07:00:00Z'));
  });
});
