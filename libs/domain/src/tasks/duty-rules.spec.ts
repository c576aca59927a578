import fc from 'fast-check';
import { decideDuty, dutyBreaches, escalateAfterBreaches, statutoryLatestDate, type DutyTask } from './duty-rules';
import type { TaskStatus } from '../vocabulary';

const response: DutyTask = {
  key: 'respond_to_expression_of_interest',
  title: 'Respond',
  ownerParty: 'parent_body',
  workstream: 'business_case',
  statutory: false,
  status: 'not_started',
  dueDate: '2027-03-01',
  dueAt: null,
};
const tupe: DutyTask = {
  key: 'provide_employee_liability_information',
  title: 'ELI',
  ownerParty: 'parent_body',
  workstream: 'tupe',
  statutory: true,
  status: 'not_started',
  dueDate: '2027-05-04',
  dueAt: null,
};
const ballot: DutyTask = {
  ...response,
  key: 'hold_staff_ballot',
  ownerParty: 'mutual',
  evidence: 'staff_ballot',
  workstream: 'staff_engagement',
};

describe('duty rules', () => {
  it('refuses moving the parent body’s own response deadline later, by date or by exact time, or clearing it', () => {
    expect(dutyBreaches(response, { dueDate: '2099-01-01' }, { statutoryLatest: null }).map((b) => b.code)).toEqual([
      'own_response_deadline_later',
    ]);
    expect(dutyBreaches(response, { dueAt: '2027-03-02T10:00:00Z' }, { statutoryLatest: null })).toHaveLength(1);
    expect(dutyBreaches({ ...response, dueAt: '2027-03-01T09:00:00Z' }, { dueAt: null }, { statutoryLatest: null })).toHaveLength(1);
    expect(dutyBreaches(response, { dueDate: '2027-02-20' }, { statutoryLatest: null })).toEqual([]);
    expect(dutyBreaches(response, { dueDate: '2027-03-01' }, { statutoryLatest: null })).toEqual([]);
  });

  it('refuses marking the response, a statutory or an evidence-gated task not applicable', () => {
    expect(dutyBreaches(response, { status: 'not_applicable' }, { statutoryLatest: null })[0].code).toBe('own_response_not_applicable');
    expect(dutyBreaches(tupe, { status: 'not_applicable' }, { statutoryLatest: null })[0].code).toBe('statutory_not_applicable');
    expect(dutyBreaches(ballot, { status: 'not_applicable' }, { statutoryLatest: null })[0].code).toBe('evidence_not_applicable');
    expect(dutyBreaches(tupe, { status: 'completed' }, { statutoryLatest: null })).toEqual([]);
  });

  it('caps a statutory deadline at its rule and a TUPE one at the transfer date, but lets a late one move earlier', () => {
    expect(statutoryLatestDate(tupe, '2027-05-04', '2027-06-01')).toBe('2027-05-04');
    expect(statutoryLatestDate(tupe, null, '2027-06-01')).toBe('2027-06-01');
    expect(statutoryLatestDate({ statutory: true, workstream: 'finance' }, null, '2027-06-01')).toBeNull();
    expect(statutoryLatestDate({ statutory: false, workstream: 'tupe' }, '2027-05-04', '2027-06-01')).toBeNull();
    const ctx = { statutoryLatest: '2027-05-04' };
    expect(dutyBreaches(tupe, { dueDate: '2027-07-01' }, ctx)[0].code).toBe('statutory_deadline_beyond_rule');
    expect(dutyBreaches(tupe, { dueDate: '2027-05-01' }, ctx)).toEqual([]);
    expect(dutyBreaches({ ...tupe, dueDate: '2027-08-01' }, { dueDate: '2027-07-01' }, ctx)).toEqual([]);
  });

  it('lets the central team override only with a reason', () => {
    const b = dutyBreaches(response, { status: 'not_applicable' }, { statutoryLatest: null });
    expect(decideDuty(b, { central: false, overrideReason: 'because' }).kind).toBe('refused');
    expect(decideDuty(b, { central: true }).kind).toBe('needs_reason');
    expect(decideDuty(b, { central: true, overrideReason: '  ' }).kind).toBe('needs_reason');
    expect(decideDuty(b, { central: true, overrideReason: 'Request withdrawn by letter' })).toMatchObject({ kind: 'override' });
    expect(decideDuty([], { central: false }).kind).toBe('allowed');
  });

  it('never lets escalateAfter grow past the template default', () => {
    const day = 86_400_000;
    const def = { escalateAfterMs: 5 * day, workingDays: false };
    expect(escalateAfterBreaches({ escalateAfterMs: 3 * day, workingDays: false }, def)).toEqual([]);
    expect(escalateAfterBreaches({ escalateAfterMs: 5 * day, workingDays: false }, def)).toEqual([]);
    expect(escalateAfterBreaches({ escalateAfterMs: 6 * day, workingDays: false }, def)).toHaveLength(1);
    expect(escalateAfterBreaches({ escalateAfterMs: 5 * day, workingDays: true }, def)).toHaveLength(1);
    expect(escalateAfterBreaches({ escalateAfterMs: 5 * day, workingDays: true }, { ...def, workingDays: true })).toEqual([]);
  });

  it('property: no sequence of task changes by a non-central party moves a duty it owes later or marks it not applicable', () => {
    const statuses: TaskStatus[] = ['not_started', 'in_progress', 'completed', 'not_applicable'];
    const date = fc.date({ min: new Date('2026-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
    const change = fc.record(
      {
        status: fc.constantFrom(...statuses),
        dueDate: date.map((d) => d.toISOString().slice(0, 10)),
        dueAt: fc.option(date, { nil: null }),
      },
      { requiredKeys: [] },
    );
    const duty = fc.constantFrom(response, tupe, ballot, { ...tupe, key: 'other_statutory', workstream: 'pensions' });
    fc.assert(
      fc.property(duty, fc.array(change, { maxLength: 25 }), (initial, changes) => {
        const ctx = { statutoryLatest: initial.statutory ? '2027-05-04' : null };
        const limit = (d: DutyTask) => deadline(d);
        const start = limit(initial)!;
        const cap = ctx.statutoryLatest ? Math.max(start, deadline({ ...initial, dueDate: ctx.statutoryLatest, dueAt: null })!) : start;
        let task = { ...initial };
        for (const c of changes) {
          const decision = decideDuty(dutyBreaches(task, c, ctx), { central: false, overrideReason: 'try' });
          if (decision.kind !== 'allowed') continue;
          task = {
            ...task,
            ...(c.status !== undefined ? { status: c.status } : {}),
            ...(c.dueDate !== undefined ? { dueDate: c.dueDate } : {}),
            ...(c.dueAt !== undefined ? { dueAt: c.dueAt } : {}),
          };
          const now = deadline(task);
          expect(now).not.toBeNull();
          if (task.key === 'respond_to_expression_of_interest') expect(now!).toBeLessThanOrEqual(start);
          if (task.statutory) expect(now!).toBeLessThanOrEqual(cap);
          expect(task.status).not.toBe('not_applicable');
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { deadlineInstant } from '../calendar/deadline';
function deadline(t: Pick<DutyTask, 'dueDate' | 'dueAt'>): number | null {
  return deadlineInstant(t)?.getTime() ?? null;
}
