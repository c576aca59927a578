/** The three phase machines, built once from PHASE_SPECS. */
import { Phase, PHASES } from '../vocabulary';
import { buildPhaseMachine, PhaseMachine } from './build-phase-machine';
import { PHASE_SPECS } from './phase-specs';

export const PHASE_MACHINES: Record<Phase, PhaseMachine> = Object.fromEntries(
  PHASES.map((phase) => [phase, buildPhaseMachine(PHASE_SPECS[phase])]),
) as Record<Phase, PhaseMachine>;
