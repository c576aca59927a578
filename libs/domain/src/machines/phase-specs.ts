/**
 * The journey's phases as data: each phase's working states and forward transitions.
 * `buildPhaseMachine` turns a spec into an XState machine and adds, uniformly, hold/resume,
 * withdraw and (where a phase hands over to the next) the final `phase_complete` node.
 * Whether a transition is guarded comes from EVENT_DEFINITIONS, never from here.
 */
import { JourneyEventType } from '../events';
import { JourneyState, Phase } from '../vocabulary';

export const PHASE_COMPLETE = 'phase_complete';
export type PhaseTarget = JourneyState | typeof PHASE_COMPLETE;

export interface PhaseSpec {
  phase: Phase;
  initial: JourneyState;
  /** Working states (not on_hold/withdrawn) and their transitions: event → target. */
  states: Partial<Record<JourneyState, Partial<Record<JourneyEventType, PhaseTarget>>>>;
  /** Where the journey continues when this phase reaches `phase_complete`; null for the last phase. */
  next: { phase: Phase; state: JourneyState } | null;
}

export const PHASE_SPECS: Record<Phase, PhaseSpec> = {
  pre_spin_out: {
    phase: 'pre_spin_out',
    initial: 'exploring',
    states: {
      exploring: { submit_expression_of_interest: 'awaiting_parent_body_response' },
      awaiting_parent_body_response: {
        accept_expression_of_interest: 'business_planning',
        decline_expression_of_interest: 'declined',
      },
      declined: { appeal: 'under_appeal' },
      // The escalation point cannot overrule the parent body: an upheld appeal asks it to reconsider
      // (DOMAIN.md, Taskforce rec. 2 ii), with a new response deadline.
      under_appeal: { uphold_appeal: 'awaiting_parent_body_response', dismiss_appeal: 'declined' },
      business_planning: { submit_business_case: 'awaiting_approval' },
      awaiting_approval: {
        approve_business_case: 'approved',
        return_business_case: 'business_planning',
        reject_business_case: 'business_case_rejected',
      },
      business_case_rejected: { appeal: 'business_case_under_appeal' },
      // Upheld: the parent body reconsiders the business case with a new decide-by; dismissed: the refusal stands.
      business_case_under_appeal: { uphold_appeal: 'awaiting_approval', dismiss_appeal: 'business_case_rejected' },
      approved: { start_spin_out: PHASE_COMPLETE },
    },
    next: { phase: 'spinning_out', state: 'mobilising' },
  },
  spinning_out: {
    phase: 'spinning_out',
    initial: 'mobilising',
    states: {
      mobilising: { register_legal_entity: 'entity_registered' },
      entity_registered: { confirm_transfer_readiness: 'ready_for_transfer' },
      ready_for_transfer: { complete_transfer: PHASE_COMPLETE },
    },
    next: { phase: 'sustainability', state: 'bedding_in' },
  },
  sustainability: {
    phase: 'sustainability',
    initial: 'bedding_in',
    states: {
      bedding_in: { complete_first_year_review: 'operating' },
      operating: {},
    },
    next: null,
  },
};
