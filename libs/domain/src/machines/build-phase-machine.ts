/**
 * Builds one phase's XState v5 machine from its PhaseSpec. Flat states, so a snapshot's value is
 * the contract state name. Hold/resume keeps the held state in context (`heldIn`), not in a
 * history node, so it survives `getPersistedSnapshot()` → JSON → `resolveState()` and is visible
 * to graph traversal. Guards read `openMandatoryTasks` from the event: only exactly 0 passes.
 */
import { assign, setup } from 'xstate';
import { EVENT_DEFINITIONS, JourneyEventType } from '../events';
import { JourneyState, ON_HOLD_STATE, WITHDRAWN_STATE } from '../vocabulary';
import { PHASE_COMPLETE, PhaseSpec } from './phase-specs';

export interface PhaseContext {
  /** The working state the journey was in when put on hold; null when not on hold. */
  heldIn: JourneyState | null;
}

export interface PhaseMachineEvent {
  type: JourneyEventType;
  /** For guarded events: the number of open mandatory tasks gated on the current state. Must be 0 to pass. */
  openMandatoryTasks?: number;
}

export const phaseMachineSetup = setup({
  types: {
    context: {} as PhaseContext,
    events: {} as PhaseMachineEvent,
  },
  guards: {
    mandatoryTasksComplete: ({ event }) => event.openMandatoryTasks === 0,
    wasHeldIn: ({ context }, params: { state: JourneyState }) => context.heldIn === params.state,
  },
  actions: {
    rememberHeldState: assign((_, params: { state: JourneyState }) => ({ heldIn: params.state })),
    forgetHeldState: assign({ heldIn: null }),
  },
});

type TransitionConfig = {
  target: string;
  guard?: 'mandatoryTasksComplete' | { type: 'wasHeldIn'; params: { state: JourneyState } };
  actions?: Array<{ type: 'rememberHeldState'; params: { state: JourneyState } } | { type: 'forgetHeldState' }>;
};
type StateConfig = {
  on?: Partial<Record<JourneyEventType, TransitionConfig | TransitionConfig[]>>;
  type?: 'final';
  description?: string;
};

export function buildPhaseMachine(spec: PhaseSpec) {
  const working = Object.keys(spec.states) as JourneyState[];
  const states: Record<string, StateConfig> = {};
  for (const state of working) {
    const on: StateConfig['on'] = {};
    for (const [event, target] of Object.entries(spec.states[state] ?? {}) as Array<[JourneyEventType, string]>) {
      on[event] = EVENT_DEFINITIONS[event].guarded ? { target, guard: 'mandatoryTasksComplete' } : { target };
    }
    on.put_on_hold = { target: ON_HOLD_STATE, actions: [{ type: 'rememberHeldState', params: { state } }] };
    on.withdraw = { target: WITHDRAWN_STATE };
    states[state] = { on };
  }
  states[ON_HOLD_STATE] = {
    description: 'On hold; resume returns to the state it was held in',
    on: {
      resume: working.map((state) => ({
        target: state,
        guard: { type: 'wasHeldIn' as const, params: { state } },
        actions: [{ type: 'forgetHeldState' as const }],
      })),
      withdraw: { target: WITHDRAWN_STATE, actions: [{ type: 'forgetHeldState' }] },
    },
  };
  states[WITHDRAWN_STATE] = { type: 'final', description: 'Withdrawn (final)' };
  if (spec.next) {
    states[PHASE_COMPLETE] = {
      type: 'final',
      description: `Phase complete; continues in ${spec.next.phase} / ${spec.next.state}`,
    };
  }
  return phaseMachineSetup.createMachine({
    id: spec.phase,
    initial: spec.initial,
    context: { heldIn: null },
    states,
  });
}

export type PhaseMachine = ReturnType<typeof buildPhaseMachine>;
