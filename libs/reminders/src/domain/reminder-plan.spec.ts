import { reminderSchedule } from '@pathway/domain/calendar/reminder-schedule';
import { LiveReminder, planReminders } from './reminder-plan';

const policy = { remindBefore: ['PT20S', 'PT10S'], escalateAfter: 'PT30S', escalateAfterWorkingDays: false };
const T0 = new Date('2026-03-02T12:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

/** The live rows a plan would have produced, as if written. */
function written(plan: ReturnType<typeof planReminders>, status: 'pending' | 'delivered' = 'pending'): LiveReminder[] {
  return plan.insert.map((p, i) => ({ id: `r${i}`, kind: p.kind, offset: p.offset, remindAt: p.remindAt, deadline: p.deadline, status }));
}

describe('planReminders', () => {
  it('sends no "due soon" on a task’s first day (a late start would send one per task at once), but keeps overdue and escalation', () => {
    const day = { remindBefore: ['P14D', 'P3D'], escalateAfter: 'P5D', escalateAfterWorkingDays: false };
    // Created now, due in 13 days: the P14D reminder has passed, the P3D one is days away.
    const plan = planReminders({
      deadline: { dueAt: new Date(T0.getTime() + 13 * 86_400_000) },
      policy: day,
      now: T0,
      live: [],
      taskCreatedAt: T0,
    });
    expect(plan.insert.map((p) => [p.kind, p.offset])).toEqual([
      ['task_due_soon', 'P3D'],
      ['task_overdue', 'PT0S'],
      ['escalate', 'P5D'],
    ]);
    // Due in 14 days plus an hour: P14D would fire within the first day, so it is not sent either.
    const soon = planReminders({
      deadline: { dueAt: new Date(T0.getTime() + 14 * 86_400_000 + 3_600_000) },
      policy: day,
      now: T0,
      live: [],
      taskCreatedAt: T0,
    });
    expect(soon.insert.filter((p) => p.kind === 'task_due_soon').map((p) => p.offset)).toEqual(['P3D']);
    // Without a creation time (or for an old task) the caught-up "due soon" still goes once.
    const old = planReminders({
      deadline: { dueAt: new Date(T0.getTime() + 13 * 86_400_000) },
      policy: day,
      now: T0,
      live: [],
      taskCreatedAt: new Date(T0.getTime() - 30 * 86_400_000),
    });
    expect(old.insert.filter((p) => p.kind === 'task_due_soon').map((p) => p.offset)).toEqual(['P14D', 'P3D']);
    // A short-lived task keeps the reminders in the second half of its life.
    const short = planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [], taskCreatedAt: T0 });
    expect(short.insert.map((p) => p.offset)).toEqual(['PT20S', 'PT10S', 'PT0S', 'PT30S']);
    // A new task already overdue is told at once.
    const late = planReminders({ deadline: { dueAt: new Date(T0.getTime() - 1000) }, policy: day, now: T0, live: [], taskCreatedAt: T0 });
    expect(late.insert.map((p) => p.kind)).toContain('task_overdue');
  });

  it('schedules every reminder of a future deadline at its policy time', () => {
    const plan = planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] });
    expect(plan.supersede).toEqual([]);
    expect(plan.insert.map((p) => [p.kind, p.offset, p.fireAt.toISOString()])).toEqual([
      ['task_due_soon', 'PT20S', at(40).toISOString()],
      ['task_due_soon', 'PT10S', at(50).toISOString()],
      ['task_overdue', 'PT0S', at(60).toISOString()],
      ['escalate', 'PT30S', at(90).toISOString()],
    ]);
    for (const p of plan.insert) expect(p.deadline).toEqual(at(60));
  });

  it('has nothing to do when the rows already match (pending or delivered)', () => {
    const first = planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] });
    expect(planReminders({ deadline: { dueAt: at(60) }, policy, now: at(5), live: written(first) })).toEqual({ insert: [], supersede: [] });
    expect(planReminders({ deadline: { dueAt: at(60) }, policy, now: at(100), live: written(first, 'delivered') })).toEqual({
      insert: [],
      supersede: [],
    });
  });

  it('supersedes the pending reminders of a moved deadline and schedules the new ones', () => {
    const first = written(planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] }));
    const plan = planReminders({ deadline: { dueAt: at(120) }, policy, now: at(1), live: first });
    expect(plan.supersede.sort()).toEqual(first.map((r) => r.id).sort());
    expect(plan.insert.map((p) => p.fireAt.toISOString())).toEqual([at(100), at(110), at(120), at(150)].map((d) => d.toISOString()));
  });

  it('never touches delivered rows, even when they no longer match', () => {
    const delivered = written(planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] }), 'delivered');
    const plan = planReminders({ deadline: { dueAt: at(120) }, policy, now: at(1), live: delivered });
    expect(plan.supersede).toEqual([]);
  });

  it('keeps unchanged offsets and replaces changed ones when the policy changes', () => {
    const first = written(planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] }));
    const plan = planReminders({
      deadline: { dueAt: at(60) },
      policy: { ...policy, remindBefore: ['PT15S', 'PT10S'] },
      now: at(1),
      live: first,
    });
    expect(plan.supersede).toEqual([first.find((r) => r.offset === 'PT20S')!.id]);
    expect(plan.insert.map((p) => p.offset)).toEqual(['PT15S']);
  });

  it('catches up a late deadline with one "due soon", the overdue notice at once and escalation after the grace', () => {
    // Deadline 5 s ahead: both due-soon times (−20 s, −10 s) have passed.
    const plan = planReminders({ deadline: { dueAt: at(5) }, policy, now: T0, live: [] });
    expect(plan.insert.map((p) => [p.kind, p.offset, p.fireAt.toISOString()])).toEqual([
      ['task_due_soon', 'PT10S', T0.toISOString()],
      ['task_overdue', 'PT0S', at(5).toISOString()],
      ['escalate', 'PT30S', at(35).toISOString()],
    ]);
  });

  it('sends no "due soon" for a deadline already passed, an overdue notice at once, and escalates after the grace from now', () => {
    const plan = planReminders({ deadline: { dueAt: at(-100) }, policy, now: T0, live: [] });
    expect(plan.insert.map((p) => [p.kind, p.fireAt.toISOString()])).toEqual([
      ['task_overdue', T0.toISOString()],
      ['escalate', at(30).toISOString()],
    ]);
  });

  it('does not repeat a "due soon" already delivered for the deadline (resume after a hold)', () => {
    const first = planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] });
    const live = written(first).map((r) => (r.offset === 'PT20S' ? { ...r, status: 'delivered' as const } : r));
    // On hold the pending rows were cancelled (so they are not live); resumed 55 s later.
    const afterHold = live.filter((r) => r.status === 'delivered');
    const plan = planReminders({ deadline: { dueAt: at(60) }, policy, now: at(55), live: afterHold });
    expect(plan.insert.map((p) => [p.kind, p.fireAt.toISOString()])).toEqual([
      ['task_overdue', at(60).toISOString()],
      ['escalate', at(90).toISOString()],
    ]);
  });

  it('resuming after the deadline passed during a hold: one overdue notice now, escalation after the grace', () => {
    const plan = planReminders({ deadline: { dueAt: at(60) }, policy, now: at(200), live: [] });
    expect(plan.insert.map((p) => [p.kind, p.fireAt.toISOString()])).toEqual([
      ['task_overdue', at(200).toISOString()],
      ['escalate', at(230).toISOString()],
    ]);
  });

  it('catches up an escalation only once: a second plan keeps the caught-up row', () => {
    const first = planReminders({ deadline: { dueAt: at(-100) }, policy, now: T0, live: [] });
    const plan = planReminders({ deadline: { dueAt: at(-100) }, policy, now: at(10), live: written(first) });
    expect(plan).toEqual({ insert: [], supersede: [] });
  });

  it('plans nothing without a deadline and supersedes what was pending', () => {
    const first = written(planReminders({ deadline: { dueAt: at(60) }, policy, now: T0, live: [] }));
    const plan = planReminders({ deadline: { dueAt: null, dueDate: null }, policy, now: T0, live: first });
    expect(plan.insert).toEqual([]);
    expect(plan.supersede).toHaveLength(4);
  });

  it('uses the domain schedule for date deadlines (09:00 London reminders)', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const deadline = { dueDate: '2026-03-20' };
    const p = { remindBefore: ['P14D', 'P3D'], escalateAfter: 'P5D', escalateAfterWorkingDays: true };
    const plan = planReminders({ deadline, policy: p, now, live: [] });
    expect(plan.insert.map((x) => x.fireAt)).toEqual(reminderSchedule(deadline, p).map((x) => x.at));
    expect(plan.insert[0].fireAt.toISOString()).toBe('2026-03-06T09:00:00.000Z');
  });
});
