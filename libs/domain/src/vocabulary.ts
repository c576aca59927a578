/**
 * The product's vocabulary: every enum named by the public contract, in one place.
 * Pure data: no Nest, no TypeORM. Each list is a readonly tuple so it can drive both
 * TypeScript types and runtime validation (class-validator's @IsIn, OpenAPI enums).
 */

export const ORGANISATION_KINDS = [
  'mutual',
  'parent_body',
  'commissioner',
  'department',
  'arbiter',
  'cabinet_office',
  'support_provider',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The UK nation an organisation is in: law, bank holidays and procurement rules differ between them. */
export const NATIONS = ['england', 'wales', 'scotland', 'northern_ireland'] as const;
export type Nation = (typeof NATIONS)[number];
export const DEFAULT_NATION: Nation = 'england';

/** What kind of public body a parent body is: the duties and grounds open to it follow from this. */
export const BODY_TYPES = [
  'local_authority',
  'nhs_trust',
  'nhs_foundation_trust',
  'integrated_care_board',
  'central_government',
  'fire_and_rescue',
  'other_public_body',
] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export const ROLES = [
  'mutual_lead',
  'mutual_member',
  'parent_body_officer',
  'commissioner',
  'department_officer',
  'arbiter',
  'cabinet_office_staff',
  'cabinet_office_admin',
  'adviser',
] as const;
export type Role = (typeof ROLES)[number];

/** The organisation kind each role belongs to: a user's role must match their organisation. */
export const ROLE_ORGANISATION_KIND: Record<Role, OrganisationKind> = {
  mutual_lead: 'mutual',
  mutual_member: 'mutual',
  parent_body_officer: 'parent_body',
  commissioner: 'commissioner',
  department_officer: 'department',
  arbiter: 'arbiter',
  cabinet_office_staff: 'cabinet_office',
  cabinet_office_admin: 'cabinet_office',
  adviser: 'support_provider',
};

export const CENTRAL_ROLES: readonly Role[] = ['cabinet_office_staff', 'cabinet_office_admin'];

/** Roles that see only the journeys their organisation is assigned to (PUT /api/journeys/:id/advisers), and change nothing. */
export const ADVISER_ROLES: readonly Role[] = ['adviser'];

/** Kinds of support the central team's programme awards a journey (Mutuals Support Programme). */
export const SUPPORT_AWARD_KINDS = ['grant', 'advice', 'mentoring', 'training'] as const;
export type SupportAwardKind = (typeof SUPPORT_AWARD_KINDS)[number];

export const SERVICE_AREAS = [
  'health',
  'social_care',
  'social_work',
  'children_and_young_people',
  'youth',
  'education_and_learning',
  'probation',
  'culture_and_leisure',
  'fire_and_rescue',
  'housing',
  'central_government',
  'other',
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

export const REGIONS = [
  'north_east',
  'north_west',
  'yorkshire_and_the_humber',
  'east_midlands',
  'west_midlands',
  'east_of_england',
  'london',
  'south_east',
  'south_west',
  'scotland',
  'wales',
  'northern_ireland',
] as const;
export type Region = (typeof REGIONS)[number];

export const PHASES = ['pre_spin_out', 'spinning_out', 'sustainability'] as const;
export type Phase = (typeof PHASES)[number];

export const WORKSTREAMS = [
  'business_case',
  'staff_engagement',
  'legal_form',
  'tupe',
  'pensions',
  'vat',
  'assets',
  'commissioning',
  'governance',
  'finance',
  'evidence',
] as const;
export type Workstream = (typeof WORKSTREAMS)[number];

export const OWNER_PARTIES = ['mutual', 'parent_body', 'commissioner', 'department', 'cabinet_office'] as const;
export type OwnerParty = (typeof OWNER_PARTIES)[number];

export const TASK_STATUSES = ['cannot_start_yet', 'not_started', 'in_progress', 'completed', 'not_applicable'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task in one of these statuses no longer blocks anything. */
export const DONE_TASK_STATUSES: readonly TaskStatus[] = ['completed', 'not_applicable'];

export const ESCALATION_TRIGGERS = ['task_overdue', 'response_overdue', 'appeal', 'manual'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

export const ESCALATION_STATUSES = ['open', 'resolved'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const APPEAL_OUTCOMES = ['upheld', 'dismissed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const NOTIFICATION_TYPES = [
  'task_due_soon',
  'task_overdue',
  'escalation_opened',
  'escalation_raised',
  'escalation_resolved',
  'expression_of_interest_received',
  'expression_of_interest_decided',
  'journey_event',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const RIGHT_TO_PROVIDE_STATUSES = ['awaiting_response', 'accepted', 'declined'] as const;
export type RightToProvideStatus = (typeof RIGHT_TO_PROVIDE_STATUSES)[number];

/**
 * Journey states (contract names). Each phase's machine uses a subset (see PHASE_STATES);
 * `on_hold` and `withdrawn` exist in every phase.
 */
export const JOURNEY_STATES = [
  'exploring',
  'awaiting_parent_body_response',
  'declined',
  'under_appeal',
  'business_planning',
  'awaiting_approval',
  // A refused business case (reject_business_case) and its appeal (issue 10): the mutual can appeal a refusal.
  'business_case_rejected',
  'business_case_under_appeal',
  'approved',
  'mobilising',
  'entity_registered',
  'ready_for_transfer',
  'bedding_in',
  'operating',
  'on_hold',
  'withdrawn',
] as const;
export type JourneyState = (typeof JOURNEY_STATES)[number];

export const ON_HOLD_STATE = 'on_hold' satisfies JourneyState;
export const WITHDRAWN_STATE = 'withdrawn' satisfies JourneyState;

/** The states each phase's machine can be in (persisted values; `on_hold`/`withdrawn` in every phase). */
export const PHASE_STATES: Record<Phase, readonly JourneyState[]> = {
  pre_spin_out: [
    'exploring',
    'awaiting_parent_body_response',
    'declined',
    'under_appeal',
    'business_planning',
    'awaiting_approval',
    'business_case_rejected',
    'business_case_under_appeal',
    'approved',
    'on_hold',
    'withdrawn',
  ],
  spinning_out: ['mobilising', 'entity_registered', 'ready_for_transfer', 'on_hold', 'withdrawn'],
  sustainability: ['bedding_in', 'operating', 'on_hold', 'withdrawn'],
};
