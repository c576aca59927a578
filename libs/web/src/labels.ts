/**
 * Plain-English labels for the contract's enum values, for pages. One place, so a page never shows
 * `awaiting_parent_body_response`. Each map is a complete Record over its vocabulary type, so adding
 * a value to libs/domain/src/vocabulary.ts fails the typecheck here until it has a label.
 */
import type {
  BodyType,
  Nation,
  AppealOutcome,
  EscalationStatus,
  EscalationTrigger,
  JourneyState,
  NotificationType,
  OrganisationKind,
  OwnerParty,
  Phase,
  Region,
  RightToProvideStatus,
  Role,
  ServiceArea,
  TaskStatus,
  Workstream,
} from '@pathway/domain/vocabulary';

export const PHASE_LABELS: Record<Phase, string> = {
  pre_spin_out: 'Pre-spin-out',
  spinning_out: 'Spinning out',
  sustainability: 'Sustainability',
};

export const STATE_LABELS: Record<JourneyState, string> = {
  exploring: 'Exploring',
  awaiting_parent_body_response: 'Waiting for the parent body to respond',
  declined: 'Declined',
  under_appeal: 'Under appeal',
  business_planning: 'Business planning',
  awaiting_approval: 'Waiting for business case approval',
  business_case_rejected: 'Business case refused',
  business_case_under_appeal: 'Business case refusal under appeal',
  approved: 'Business case approved',
  mobilising: 'Mobilising',
  entity_registered: 'Legal entity registered',
  ready_for_transfer: 'Ready for transfer',
  bedding_in: 'Bedding in',
  operating: 'Operating',
  on_hold: 'On hold',
  withdrawn: 'Withdrawn',
};

export const WORKSTREAM_LABELS: Record<Workstream, string> = {
  business_case: 'Business case',
  staff_engagement: 'Staff engagement',
  legal_form: 'Legal form',
  tupe: 'Staff transfer (TUPE)',
  pensions: 'Pensions',
  vat: 'VAT',
  assets: 'Assets',
  commissioning: 'Commissioning',
  governance: 'Governance',
  finance: 'Finance',
  evidence: 'Evidence',
};

export const ROLE_LABELS: Record<Role, string> = {
  mutual_lead: 'Mutual lead',
  mutual_member: 'Mutual team member',
  parent_body_officer: 'Parent body officer',
  commissioner: 'Commissioner',
  department_officer: 'Department officer',
  arbiter: 'Arbiter',
  cabinet_office_staff: 'Central team member',
  cabinet_office_admin: 'Central team administrator',
  adviser: 'Adviser',
};

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  mutual: 'Mutual',
  parent_body: 'Parent body',
  commissioner: 'Commissioner',
  department: 'Government department',
  arbiter: 'Arbiter',
  cabinet_office: 'Central team',
  support_provider: 'Support provider',
};

export const OWNER_PARTY_LABELS: Record<OwnerParty, string> = {
  mutual: 'Mutual',
  parent_body: 'Parent body',
  commissioner: 'Commissioner',
  department: 'Government department',
  cabinet_office: 'Central team',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  cannot_start_yet: 'Cannot start yet',
  not_started: 'Not yet started',
  in_progress: 'In progress',
  completed: 'Completed',
  not_applicable: 'Not applicable',
};

export const SERVICE_AREA_LABELS: Record<ServiceArea, string> = {
  health: 'Health',
  social_care: 'Social care',
  social_work: 'Social work',
  children_and_young_people: 'Children and young people',
  youth: 'Youth services',
  education_and_learning: 'Education and learning',
  probation: 'Probation',
  culture_and_leisure: 'Culture and leisure',
  fire_and_rescue: 'Fire and rescue',
  housing: 'Housing',
  central_government: 'Central government',
  other: 'Other',
};

export const REGION_LABELS: Record<Region, string> = {
  north_east: 'North East',
  north_west: 'North West',
  yorkshire_and_the_humber: 'Yorkshire and the Humber',
  east_midlands: 'East Midlands',
  west_midlands: 'West Midlands',
  east_of_england: 'East of England',
  london: 'London',
  south_east: 'South East',
  south_west: 'South West',
  scotland: 'Scotland',
  wales: 'Wales',
  northern_ireland: 'Northern Ireland',
};

export const ESCALATION_TRIGGER_LABELS: Record<EscalationTrigger, string> = {
  task_overdue: 'Task overdue',
  response_overdue: 'Response overdue',
  appeal: 'Appeal',
  manual: 'Raised by a user',
};

export const ESCALATION_STATUS_LABELS: Record<EscalationStatus, string> = {
  open: 'Open',
  resolved: 'Resolved',
};

export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  upheld: 'Upheld',
  dismissed: 'Dismissed',
};

export const RIGHT_TO_PROVIDE_STATUS_LABELS: Record<RightToProvideStatus | 'overturned_on_appeal', string> = {
  awaiting_response: 'Waiting for a response',
  accepted: 'Accepted',
  declined: 'Declined',
  overturned_on_appeal: 'Decline overturned on appeal',
};

export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  task_due_soon: 'Task due soon',
  task_overdue: 'Task overdue',
  escalation_opened: 'Escalation opened',
  escalation_raised: 'Escalation raised to the next level',
  escalation_resolved: 'Escalation resolved',
  expression_of_interest_received: 'Expression of interest received',
  expression_of_interest_decided: 'Expression of interest answered',
  journey_event: 'Journey updated',
};

export const NATION_LABELS: Record<Nation, string> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
};

export const BODY_TYPE_LABELS: Record<BodyType, string> = {
  local_authority: 'Local authority (council)',
  nhs_trust: 'NHS trust',
  nhs_foundation_trust: 'NHS foundation trust',
  integrated_care_board: 'Integrated care board',
  central_government: 'Central government',
  fire_and_rescue: 'Fire and rescue authority',
  other_public_body: 'Other public body',
};

/** Every label map by the name templates use: `{{ journey.state | label('state') }}`. */
export const LABELS = {
  phase: PHASE_LABELS,
  state: STATE_LABELS,
  workstream: WORKSTREAM_LABELS,
  role: ROLE_LABELS,
  organisationKind: ORGANISATION_KIND_LABELS,
  ownerParty: OWNER_PARTY_LABELS,
  taskStatus: TASK_STATUS_LABELS,
  serviceArea: SERVICE_AREA_LABELS,
  region: REGION_LABELS,
  escalationTrigger: ESCALATION_TRIGGER_LABELS,
  escalationStatus: ESCALATION_STATUS_LABELS,
  appealOutcome: APPEAL_OUTCOME_LABELS,
  rightToProvideStatus: RIGHT_TO_PROVIDE_STATUS_LABELS,
  notificationType: NOTIFICATION_TYPE_LABELS,
  nation: NATION_LABELS,
  bodyType: BODY_TYPE_LABELS,
} as const;

export type LabelKind = keyof typeof LABELS;

/**
 * The label for `value` of `kind`. An unknown value falls back to the value with underscores as
 * spaces and a capital first letter, so a page never breaks on a value added after this file.
 */
export function label(value: unknown, kind: LabelKind): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const known = (LABELS[kind] as Record<string, string> | undefined)?.[text];
  if (known) return known;
  const spaced = text.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "a mutual lead", "an arbiter": a role as it reads in a sentence. */
export function roleInSentence(role: Role): string {
  const text = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(text) ? 'an' : 'a'} ${text}`;
}
