import type { TaskDto } from '@pathway/journeys/dto/task.dto';
import { formatDate } from '../filters';
import { label } from '../labels';
import { isTaskLinkable, taskListStatus } from '../task-status';

/** One row of a `govukTaskList`. */
export interface TaskListItem {
  title: { text: string; classes?: string };
  href?: string;
  hint?: { text: string };
  status: ReturnType<typeof taskListStatus>;
}

export interface ChecklistWorkstream {
  workstream: string;
  heading: string;
  /** Unique on the page: `checklist-<phase>-<workstream>`. */
  id: string;
  items: TaskListItem[];
}

export interface ChecklistPhase {
  phase: string;
  heading: string;
  id: string;
  completed: number;
  total: number;
  workstreams: ChecklistWorkstream[];
  /** The journey's current phase (currentPhaseFirst): shown open, the others one click away. */
  current?: boolean;
}

export interface Checklist {
  completed: number;
  total: number;
  phases: ChecklistPhase[];
}

const DONE = new Set(['completed', 'not_applicable']);

export const taskPath = (journeyId: string, taskId: string): string => `/journeys/${journeyId}/tasks/${taskId}`;

/** "Owner: Brighton Council (parent body). Due 3 March 2027, overdue." */
export function taskHint(
  task: Pick<TaskDto, 'ownerParty' | 'ownerOrganisationId' | 'dueDate' | 'deadline' | 'overdue' | 'status'>,
  organisationNames: ReadonlyMap<string, string>,
): string {
  const owner = label(task.ownerParty, 'ownerParty');
  const orgName = task.ownerOrganisationId ? organisationNames.get(task.ownerOrganisationId) : undefined;
  const parts = [`Owner: ${orgName ? `${orgName} (${owner.toLowerCase()})` : owner}.`];
  const due = formatDate(task.dueDate ?? task.deadline);
  if (due && !DONE.has(task.status)) parts.push(`Due ${due}${task.overdue ? ', overdue' : ''}.`);
  return parts.join(' ');
}

/**
 * A journey's checklist as GOV.UK task lists, grouped by phase and then workstream, in the order
 * the tasks service returns them. "Cannot start yet" tasks have no link (the Design System's
 * "Complete multiple tasks" pattern); "Completed" is plain text; other statuses are tags.
 */
export function buildChecklist(journeyId: string, tasks: TaskDto[], organisationNames: ReadonlyMap<string, string> = new Map()): Checklist {
  const phases: ChecklistPhase[] = [];
  for (const task of tasks) {
    let phase = phases.find((p) => p.phase === task.phase);
    if (!phase) {
      phase = {
        phase: task.phase,
        heading: label(task.phase, 'phase'),
        id: `checklist-${task.phase}`,
        completed: 0,
        total: 0,
        workstreams: [],
      };
      phases.push(phase);
    }
    let ws = phase.workstreams.find((w) => w.workstream === task.workstream);
    if (!ws) {
      ws = {
        workstream: task.workstream,
        heading: label(task.workstream, 'workstream'),
        id: `checklist-${task.phase}-${task.workstream}`,
        items: [],
      };
      phase.workstreams.push(ws);
    }
    phase.total += 1;
    if (DONE.has(task.status)) phase.completed += 1;
    ws.items.push({
      title: { text: task.mandatory ? task.title : `${task.title} (optional)` },
      ...(isTaskLinkable(task.status) ? { href: taskPath(journeyId, task.id) } : {}),
      hint: { text: taskHint(task, organisationNames) },
      status: taskListStatus(task.status),
    });
  }
  return {
    completed: phases.reduce((n, p) => n + p.completed, 0),
    total: phases.reduce((n, p) => n + p.total, 0),
    phases,
  };
}

/**
 * The checklist with the journey's current phase first (marked `current`), the other phases
 * after it in pathway order: the page shows the current phase's tasks and keeps the others one
 * click away. A checklist with no task in the current phase keeps its order, its first phase open.
 */
export function currentPhaseFirst(
  checklist: Checklist,
  currentPhase: string,
): Checklist & { phases: Array<ChecklistPhase & { current: boolean }> } {
  const hasCurrent = checklist.phases.some((p) => p.phase === currentPhase);
  const marked = checklist.phases.map((p, i) => ({ ...p, current: hasCurrent ? p.phase === currentPhase : i === 0 }));
  return { ...checklist, phases: [...marked.filter((p) => p.current), ...marked.filter((p) => !p.current)] };
}
