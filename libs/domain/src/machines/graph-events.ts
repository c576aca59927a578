/** Every event a phase machine can receive, with both guard outcomes for guarded events (for graph traversal). */
import { EVENT_DEFINITIONS, JOURNEY_EVENT_TYPES } from '../events';
import { PhaseMachineEvent } from './build-phase-machine';

export const ALL_MACHINE_EVENTS: PhaseMachineEvent[] = JOURNEY_EVENT_TYPES.flatMap((type) =>
  EVENT_DEFINITIONS[type].guarded
    ? [
        { type, openMandatoryTasks: 0 },
        { type, openMandatoryTasks: 1 },
      ]
    : [{ type }],
);
