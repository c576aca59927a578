import { PHASES } from '@pathway/domain/vocabulary';
import { buildTransferTimeline, type TimelineTask } from '@pathway/domain/timeline/transfer-timeline';
import type { TaskDto } from '@pathway/journeys/dto/task.dto';
import { label } from '../labels';
import { isTaskLinkable } from '../task-status';
import { taskPath } from './checklist';

const DAY_MS = 86_400_000;
/** Open deadlines shown before "Every deadline" is opened. */
export const NEXT_DEADLINES = 5;

export interface PhaseStep {
  phase: string;
  heading: string;
  number: number;
  /** Where the journey is: earlier phases done, this one current, later ones to come. */
  state: 'done' | 'current' | 'upcoming';
}

export interface TimelineRow {
  kind: 'task' | 'today' | 'transfer';
  date: string;
  title: string;
  href?: string;
  workstream?: string;
  critical?: boolean;
  overdue?: boolean;
  done?: boolean;
  statutory?: boolean;
}

export interface TransferTimelineView {
  phases: PhaseStep[];
  transferDate: string;
  /** Days from today to the planned transfer (negative once past). */
  daysToTransfer: number;
  /** Open tasks on the critical path, first to last. */
  criticalPath: TimelineRow[];
  /** The next open deadlines from today (overdue ones first). */
  next: TimelineRow[];
  /** Every dated task, today and transfer day, in date order. */
  entries: TimelineRow[];
  byWorkstream: Array<{ heading: string; rows: TimelineRow[] }>;
  undated: number;
}

/**
 * The journey page's timeline to transfer day (views/journeys/_timeline.njk), from the domain's
 * builder (libs/domain/src/timeline): the phase indicator, the critical path, the next deadlines,
 * and every dated task in date order and by workstream with today and transfer day marked.
 * A task's date is its due date, or its deadline's date when only a time was set.
 */
export function transferTimelineView(
  journey: { id: string; phase: string; plannedTransferDate: string },
  tasks: readonly TaskDto[],
  today: string,
): TransferTimelineView {
  const timelineTasks: TimelineTask[] = tasks.map((t) => ({
    id: t.id,
    key: t.key,
    title: t.title,
    workstream: t.workstream,
    status: t.status,
    dueDate: t.dueDate ?? (t.deadline ? t.deadline.slice(0, 10) : null),
    dependsOn: t.dependsOn,
    mandatory: t.mandatory,
    statutory: t.statutory,
  }));
  const built = buildTransferTimeline(timelineTasks, journey.plannedTransferDate, today);
  const row = (e: (typeof built.entries)[number]): TimelineRow => {
    if (e.kind === 'today') return { kind: 'today', date: e.date, title: 'Today' };
    if (e.kind === 'transfer') return { kind: 'transfer', date: e.date, title: 'Planned transfer day' };
    return {
      kind: 'task',
      date: e.date,
      title: e.task.title,
      // As in the checklist: a task that cannot start yet has no link.
      ...(isTaskLinkable(e.task.status) ? { href: taskPath(journey.id, e.task.id) } : {}),
      workstream: label(e.task.workstream, 'workstream'),
      critical: e.critical,
      overdue: e.overdue,
      done: e.done,
      statutory: e.task.statutory,
    };
  };
  const entries = built.entries.map(row);
  const byKey = new Map(built.entries.flatMap((e) => (e.kind === 'task' ? [[e.task.key, row(e)] as const] : [])));
  const current = PHASES.indexOf(journey.phase as (typeof PHASES)[number]);
  return {
    phases: PHASES.map((phase, i) => ({
      phase,
      heading: label(phase, 'phase'),
      number: i + 1,
      state: i < current ? 'done' : i === current ? 'current' : 'upcoming',
    })),
    transferDate: journey.plannedTransferDate,
    daysToTransfer: Math.round((Date.parse(journey.plannedTransferDate) - Date.parse(today)) / DAY_MS),
    criticalPath: built.criticalPath.map((k) => byKey.get(k)).filter((r): r is TimelineRow => !!r),
    next: entries.filter((r) => r.kind === 'task' && !r.done).slice(0, NEXT_DEADLINES),
    entries,
    byWorkstream: built.byWorkstream.map((g) => ({
      heading: label(g.workstream, 'workstream'),
      rows: g.tasks.map((t) => byKey.get(t.key)).filter((r): r is TimelineRow => !!r),
    })),
    undated: timelineTasks.filter((t) => !t.dueDate).length,
  };
}
