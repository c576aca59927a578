/**
 * Journey events: the names the API accepts in `POST /api/journeys/:id/events`, who may fire
 * each, what payload each needs, and whether a checklist guard applies. Pure data.
 */
import { Role } from './vocabulary';

export const JOURNEY_EVENT_TYPES = [
  'submit_expression_of_interest',
  'accept_expression_of_interest',
  'decline_expression_of_interest',
  'appeal',
  'uphold_appeal',
  'dismiss_appeal',
  'submit_business_case',
  'approve_business_case',
  'return_business_case',
  'reject_business_case',
  'start_spin_out',
  'register_legal_entity',
  'confirm_transfer_readiness',
  'complete_transfer',
  'complete_first_year_review',
  'put_on_hold',
  'resume',
  'withdraw',
] as const;
export type JourneyEventType = (typeof JOURNEY_EVENT_TYPES)[number];

/** Events fired only by the system (resolving an appeal escalation), never through the events endpoint. */
export const INTERNAL_JOURNEY_EVENT_TYPES = ['uphold_appeal', 'dismiss_appeal'] as const satisfies readonly JourneyEventType[];
export type InternalJourneyEventType = (typeof INTERNAL_JOURNEY_EVENT_TYPES)[number];
export type PublicJourneyEventType = Exclude<JourneyEventType, InternalJourneyEventType>;

export const PUBLIC_JOURNEY_EVENT_TYPES = JOURNEY_EVENT_TYPES.filter(
  (t): t is PublicJourneyEventType => !(INTERNAL_JOURNEY_EVENT_TYPES as readonly string[]).includes(t),
) as readonly PublicJourneyEventType[];

export interface EventDefinition {
  /** Roles that may fire the event (organisation membership is checked by the app). Empty for internal events. */
  roles: Role[];
  /** Payload fields that must be present as non-empty strings (or non-empty arrays of them). */
  requiredPayload: string[];
  /** A checklist guard applies: the mandatory tasks gated on the current state must be done. */
  guarded: boolean;
  /** Fired only by the system (escalation resolution), not offered to users. */
  internal: boolean;
  /** Plain-English button label. */
  label: string;
  /**
   * A decision by a party (or by the escalation point): the payload takes `governance`, the
   * authority behind it ("Cabinet, 12 March, minute 7"); `'required'` when it must be given.
   */
  decision?: 'required' | 'optional';
}

const CENTRAL_AND_LEAD: Role[] = ['mutual_lead', 'cabinet_office_staff', 'cabinet_office_admin'];

export const EVENT_DEFINITIONS: Record<JourneyEventType, EventDefinition> = {
  submit_expression_of_interest: {
    roles: ['mutual_lead'],
    requiredPayload: ['proposalSummary'],
    guarded: false,
    internal: false,
    label: 'Submit expression of interest',
  },
  accept_expression_of_interest: {
    roles: ['parent_body_officer'],
    requiredPayload: [],
    guarded: false,
    internal: false,
    label: 'Accept expression of interest',
    decision: 'optional',
  },
  decline_expression_of_interest: {
    roles: ['parent_body_officer'],
    requiredPayload: ['reasons', 'governance'],
    guarded: false,
    internal: false,
    label: 'Decline expression of interest',
    decision: 'required',
  },
  appeal: { roles: ['mutual_lead'], requiredPayload: ['grounds'], guarded: false, internal: false, label: 'Appeal the decision' },
  uphold_appeal: {
    roles: [],
    requiredPayload: ['escalationId', 'resolution'],
    guarded: false,
    internal: true,
    label: 'Uphold appeal',
    decision: 'optional',
  },
  dismiss_appeal: {
    roles: [],
    requiredPayload: ['escalationId', 'resolution'],
    guarded: false,
    internal: true,
    label: 'Dismiss appeal',
    decision: 'optional',
  },
  submit_business_case: {
    roles: ['mutual_lead'],
    requiredPayload: [],
    guarded: true,
    internal: false,
    label: 'Submit business case for approval',
  },
  approve_business_case: {
    roles: ['parent_body_officer'],
    requiredPayload: [],
    guarded: false,
    internal: false,
    label: 'Approve business case',
    decision: 'optional',
  },
  return_business_case: {
    roles: ['parent_body_officer'],
    requiredPayload: ['reasons'],
    guarded: false,
    internal: false,
    label: 'Return business case for changes',
    decision: 'optional',
  },
  reject_business_case: {
    roles: ['parent_body_officer'],
    requiredPayload: ['reasons', 'governance'],
    guarded: false,
    internal: false,
    label: 'Refuse business case',
    decision: 'required',
  },
  start_spin_out: { roles: ['mutual_lead'], requiredPayload: [], guarded: false, internal: false, label: 'Start spinning out' },
  register_legal_entity: {
    roles: ['mutual_lead'],
    requiredPayload: [],
    guarded: true,
    internal: false,
    label: 'Record legal entity as registered',
  },
  confirm_transfer_readiness: {
    roles: ['mutual_lead'],
    requiredPayload: [],
    guarded: true,
    internal: false,
    label: 'Confirm ready for transfer',
  },
  complete_transfer: { roles: ['mutual_lead'], requiredPayload: [], guarded: true, internal: false, label: 'Complete the transfer' },
  complete_first_year_review: {
    roles: ['mutual_lead'],
    requiredPayload: [],
    guarded: true,
    internal: false,
    label: 'Complete first-year review',
  },
  put_on_hold: { roles: CENTRAL_AND_LEAD, requiredPayload: ['reason'], guarded: false, internal: false, label: 'Put journey on hold' },
  resume: { roles: CENTRAL_AND_LEAD, requiredPayload: [], guarded: false, internal: false, label: 'Resume journey' },
  withdraw: {
    roles: ['mutual_lead', 'cabinet_office_admin'],
    requiredPayload: ['reason'],
    guarded: false,
    internal: false,
    label: 'Withdraw journey',
  },
};

export const GUARDED_JOURNEY_EVENT_TYPES = JOURNEY_EVENT_TYPES.filter((t) => EVENT_DEFINITIONS[t].guarded);

export function isJourneyEventType(value: unknown): value is JourneyEventType {
  return typeof value === 'string' && (JOURNEY_EVENT_TYPES as readonly string[]).includes(value);
}
