import type { OwnerParty } from '@pathway/domain/vocabulary';
import type { JourneyParties } from '@pathway/identity/access-policy';

/**
 * The organisation that owns a task of a party on a journey. A journey without a commissioner has
 * its commissioning tasks with the parent body (which usually awards the first contract); one
 * without a department has departmental tasks with the central team.
 */
export function ownerOrganisationFor(party: OwnerParty, j: JourneyParties, centralOrganisationId: string): string {
  switch (party) {
    case 'mutual':
      return j.mutualOrganisationId;
    case 'parent_body':
      return j.parentBodyId;
    case 'commissioner':
      return j.commissionerId ?? j.parentBodyId;
    case 'department':
      return j.departmentId ?? centralOrganisationId;
    case 'cabinet_office':
      return centralOrganisationId;
  }
}
