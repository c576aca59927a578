/**
 * The checklist guard. A template task's `gateState` is the state it must be done in before the
 * guarded forward event leaves that state. For a guarded event, the blocking tasks are the
 * mandatory tasks of the current phase and state that are neither completed nor not_applicable.
 */
import { EVENT_DEFINITIONS, JourneyEventType } from '../events';
import { DONE_TASK_STATUSES, JourneyState, Phase, TaskStatus } from '../vocabulary';
import { JourneyPosition } from './journey-position';

export interface GateableTask {
  key: string;
  phase: Phase;
  mandatory: boolean;
  gateState: JourneyState | null;
  status: TaskStatus;
}

export function blockingTasks<T extends GateableTask>(pos: JourneyPosition, eventType: JourneyEventType, tasks: readonly T[]): T[] {
  if (!EVENT_DEFINITIONS[eventType]?.guarded) return [];
  return tasks.filter((t) => t.mandatory && t.phase === pos.phase && t.gateState === pos.state && !DONE_TASK_STATUSES.includes(t.status));
}
