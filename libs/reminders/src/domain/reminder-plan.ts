import { deadlineInstant, type TaskDeadline } from '@pathway/domain/calendar/deadline';
import { reminderSchedule, type ReminderKind, type ReminderPolicy } from '@pathway/domain/calendar/reminder-schedule';
import type { Nation } from '@pathway/domain/vocabulary';

/** A reminder row that still counts: waiting to fire, or already delivered. */
export interface LiveReminder {
  id: string;
  kind: ReminderKind;
  offset: string;
  /** When the policy says it is due (its identity, with kind, offset and deadline). */
  remindAt: Date;
  /** The task deadline it was computed from. */
  deadline: Date;
  status: 'pending' | 'delivered';
}

export interface PlannedReminder {
  kind: ReminderKind;
  offset: string;
  remindAt: Date;
  deadline: Date;
  /** When it may fire: remindAt, or later when it is caught up (see planReminders). */
  fireAt: Date;
}

export interface ReminderPlan {
  /** New rows to write. */
  insert: PlannedReminder[];
  /** Pending rows that no longer match the deadline or policy: they must never fire. */
  supersede: string[];
}

const identity = (r: { kind: string; offset: string; remindAt: Date; deadline: Date }) =>
  `${r.kind}|${r.offset}|${r.remindAt.getTime()}|${r.deadline.getTime()}`;

/**
 * What a task's reminders should be now (pure). `live` are its pending and delivered rows.
 *
 * A reminder is identified by (kind, policy offset, time the policy puts it at, deadline): a row
 * that matches is kept as it is (pending stays pending, delivered is never repeated), pending rows
 * that match nothing are superseded, and missing ones are added. The task is open and its journey
 * active (the caller cancels otherwise).
 *
 * A reminder whose time has already passed when it is first planned (the deadline was set or
 * moved late, the policy changed, the journey resumed after a hold) is caught up rather than
 * replayed in a burst:
 * - `task_due_soon`: only the latest one, at once, and only while the deadline is still ahead and
 *   no "due soon" for this deadline has been delivered or is already due;
 * - `task_overdue`: at once (its identity makes it once per deadline);
 * - `escalate`: not at once: people get the overdue notice now and the same grace the policy gives
 *   after a deadline (now + (escalation time − deadline)) before it escalates.
 *
 * A task is shown with its deadline the moment it exists (the work queue, the checklist), so a
 * "due soon" that would fire within NEW_TASK_QUIET_MS of `taskCreatedAt` (or within the first half
 * of the time it was given, when that is shorter) says nothing new: it is not sent. Without this a journey that starts late sends one per caught-up task in its first
 * minutes. Overdue notices and escalations are never skipped.
 */
/** A "due soon" reminder that would fire within this long of the task's creation is not sent. */
export const NEW_TASK_QUIET_MS = 24 * 60 * 60 * 1000;

export function planReminders(input: {
  deadline: TaskDeadline;
  policy: ReminderPolicy;
  now: Date;
  live: LiveReminder[];
  taskCreatedAt?: Date;
  nation?: Nation;
}): ReminderPlan {
  const { now, live } = input;
  const deadline = deadlineInstant(input.deadline);
  const schedule = deadline ? reminderSchedule(input.deadline, input.policy, input.nation) : [];
  const liveById = new Map(live.map((r) => [identity(r), r]));
  const wanted = new Set<string>();
  const missing: PlannedReminder[] = [];
  for (const s of schedule) {
    const planned = { kind: s.kind, offset: s.offset, remindAt: s.at, deadline: deadline as Date, fireAt: s.at };
    const key = identity(planned);
    wanted.add(key);
    if (!liveById.has(key)) missing.push(planned);
  }
  const supersede = live.filter((r) => r.status === 'pending' && !wanted.has(identity(r))).map((r) => r.id);

  const t = now.getTime();
  // Quiet for a day after creation, or for the first half of the task's life when that is shorter.
  const created = input.taskCreatedAt ? new Date(input.taskCreatedAt).getTime() : null;
  const quietUntil =
    created !== null && deadline ? created + Math.min(NEW_TASK_QUIET_MS, Math.max(0, (deadline.getTime() - created) / 2)) : -Infinity;
  const insert: PlannedReminder[] = [];
  const staleDueSoon: PlannedReminder[] = [];
  for (const p of missing) {
    if (p.kind === 'task_due_soon' && Math.max(p.remindAt.getTime(), t) < quietUntil) continue;
    if (p.remindAt.getTime() > t) insert.push(p);
    else if (p.kind === 'task_due_soon') staleDueSoon.push(p);
    else if (p.kind === 'task_overdue') insert.push({ ...p, fireAt: now });
    else insert.push({ ...p, fireAt: new Date(t + Math.max(0, p.remindAt.getTime() - p.deadline.getTime())) });
  }
  if (staleDueSoon.length && deadline && deadline.getTime() > t) {
    const alreadyTold = live.some(
      (r) =>
        r.kind === 'task_due_soon' &&
        r.deadline.getTime() === deadline.getTime() &&
        (r.status === 'delivered' || (wanted.has(identity(r)) && r.remindAt.getTime() <= t)),
    );
    if (!alreadyTold) {
      const latest = staleDueSoon.reduce((a, b) => (b.remindAt.getTime() > a.remindAt.getTime() ? b : a));
      insert.push({ ...latest, fireAt: now });
    }
  }
  insert.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
  return { insert, supersede };
}
