import { ADVISER_ROLES, CENTRAL_ROLES, ROLE_ORGANISATION_KIND, type OwnerParty, type Role } from '@pathway/domain/vocabulary';
import { ForbiddenError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import type { Principal } from './principal';

/** The organisations taking part in a journey: what decides who may see it. */
export interface JourneyParties {
  mutualOrganisationId: string;
  parentBodyId: string;
  commissionerId: string | null;
  departmentId: string | null;
  arbiterId: string | null;
  /** Support providers assigned to advise the journey; loaded only when the caller is an adviser. */
  adviserOrganisationIds?: readonly string[];
}

/** Parties a role acts for on a journey. */
type Party = OwnerParty | 'arbiter' | 'adviser';

/**
 * Who may see and do what: the one place every endpoint asks. Pure functions over the caller and
 * the resource's organisations; no I/O. Invisible resources are 404, forbidden actions on visible
 * resources are 403 (`assert*` throw the right one).
 */
export const AccessPolicy = {
  isCentral(p: Principal): boolean {
    return CENTRAL_ROLES.includes(p.role);
  },

  /** Advisers see the journeys their support provider is assigned to, and change nothing on them. */
  isAdviser(p: Principal): boolean {
    return ADVISER_ROLES.includes(p.role);
  },

  /** Assigning advisers and recording support awards: the central team. */
  canManageSupport(p: Principal): boolean {
    return AccessPolicy.isCentral(p);
  },

  isCentralAdmin(p: Principal): boolean {
    return p.role === 'cabinet_office_admin';
  },

  /** Throws 403 unless the caller is a central team admin (organisations, users, tokens of others). */
  assertCentralAdmin(p: Principal): void {
    if (!AccessPolicy.isCentralAdmin(p)) throw new ForbiddenError('Only a central team administrator can do this');
  },

  /**
   * Who raised a confidential concern is for the central team and the raiser alone; everyone
   * else sees "a member of the journey's parties". Not confidential: anyone who sees it.
   */
  canSeeRaiser(p: Principal, e: { confidential: boolean; openedByUserId: string | null }): boolean {
    return !e.confidential || AccessPolicy.isCentral(p) || (!!e.openedByUserId && e.openedByUserId === p.id);
  },

  assertCentral(p: Principal): void {
    if (!AccessPolicy.isCentral(p)) throw new ForbiddenError('Only the central team can do this');
  },

  /** The parties the caller's organisation plays in this journey (an org can play several). */
  partiesOf(p: Principal, j: JourneyParties): Party[] {
    const parties: Party[] = [];
    if (p.organisationId === j.mutualOrganisationId) parties.push('mutual');
    if (p.organisationId === j.parentBodyId) parties.push('parent_body');
    if (p.organisationId === j.commissionerId) parties.push('commissioner');
    if (p.organisationId === j.departmentId) parties.push('department');
    if (p.organisationId === j.arbiterId) parties.push('arbiter');
    if (AccessPolicy.isCentral(p)) parties.push('cabinet_office');
    if (AccessPolicy.isAdviser(p) && j.adviserOrganisationIds?.includes(p.organisationId)) parties.push('adviser');
    return parties;
  },

  canSeeJourney(p: Principal, j: JourneyParties): boolean {
    return AccessPolicy.partiesOf(p, j).length > 0;
  },

  assertCanSeeJourney(p: Principal, j: JourneyParties | null | undefined): void {
    if (!j || !AccessPolicy.canSeeJourney(p, j)) throw new NotFoundError('Journey');
  },

  /**
   * May this caller act in `role`'s capacity on the journey? The role must be theirs, and their
   * organisation must be the journey's organisation for that role (central roles act on any journey).
   */
  actsAs(p: Principal, j: JourneyParties, roles: readonly Role[]): boolean {
    if (!roles.includes(p.role)) return false;
    if (AccessPolicy.isCentral(p)) return true;
    const kind = ROLE_ORGANISATION_KIND[p.role];
    const orgForKind: Partial<Record<string, string | null>> = {
      mutual: j.mutualOrganisationId,
      parent_body: j.parentBodyId,
      commissioner: j.commissionerId,
      department: j.departmentId,
      arbiter: j.arbiterId,
    };
    return orgForKind[kind] === p.organisationId;
  },

  /** Task updates: users of the task's owner organisation; the mutual's lead for mutual-owned tasks; central admins. */
  canUpdateTask(p: Principal, j: JourneyParties, task: { ownerParty: OwnerParty; ownerOrganisationId: string | null }): boolean {
    if (task.ownerOrganisationId && task.ownerOrganisationId === p.organisationId) return true;
    if (task.ownerParty === 'mutual' && AccessPolicy.actsAs(p, j, ['mutual_lead'])) return true;
    return AccessPolicy.isCentralAdmin(p);
  },

  /** Journey creation: the central team, or a mutual lead for their own organisation. */
  canCreateJourneyFor(p: Principal, mutualOrganisationId: string): boolean {
    if (AccessPolicy.isCentral(p)) return true;
    return p.role === 'mutual_lead' && p.organisationId === mutualOrganisationId;
  },

  /** Reminder policy: the journey's mutual lead or the central team. */
  canSetReminderPolicy(p: Principal, j: JourneyParties): boolean {
    return AccessPolicy.actsAs(p, j, ['mutual_lead', 'cabinet_office_staff', 'cabinet_office_admin']);
  },

  /** Pipeline views: central roles see all; a department officer sees their department's journeys. */
  pipelineScope(p: Principal): { departmentId: string | null } {
    if (AccessPolicy.isCentral(p)) return { departmentId: null };
    if (p.role === 'department_officer') return { departmentId: p.organisationId };
    throw new ForbiddenError('Only the central team and department officers can see the pipeline');
  },

  /** Escalations are resolved or raised by users of the organisation they are assigned to. */
  canActOnEscalation(p: Principal, escalation: { assignedOrganisationId: string }): boolean {
    return p.organisationId === escalation.assignedOrganisationId;
  },

  /** Right to Provide inbox: parent body officers for requests addressed to their organisation. */
  assertParentBodyOfficer(p: Principal): void {
    if (p.role !== 'parent_body_officer') throw new ForbiddenError('Only parent body officers have a Right to Provide inbox');
  },
};
