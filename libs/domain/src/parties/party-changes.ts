/**
 * Who decides a journey's parties (CONTRACT "Who may change a journey's parties and deadlines").
 * Only the central team changes them, with a reason, and never while an open escalation sits at,
 * or is routed to, the level being changed:
 *
 * - `departmentId` (level 1 of the chain): refused while any open escalation sits at level 1
 *   (with the department, or with the central team standing in for a missing department),
 *   except a confidential concern, which is pinned to the central team whatever the chain says.
 * - `arbiterId` (level 2, the last): refused while any escalation is open at all: one at level 2
 *   sits with the arbiter, one at level 1 can still rise to it (by hand or automatically).
 * - `parentBodyId`: refused while an appeal or an unanswered-request (`response_overdue`)
 *   escalation is open: both are about the parent body's decision, and an appeal's decider is
 *   chosen knowing who the parent body is (a department that is its own parent body is skipped).
 * - `commissionerId`: no escalation level; the central team may change it with a reason.
 *
 * Removing an organisation (null) falls back to the central team (the chain rule); because an
 * open appeal blocks every change that could re-route it, an open appeal always has a decider.
 */
export const PARTY_FIELDS = ['parentBodyId', 'commissionerId', 'departmentId', 'arbiterId'] as const;
export type PartyField = (typeof PARTY_FIELDS)[number];

export interface OpenEscalationRef {
  id: string;
  trigger: string;
  level: number;
  confidential?: boolean;
}

export interface PartyChangeConflict {
  field: PartyField;
  escalationId: string;
  message: string;
}

const LAST_LEVEL = 2;

/** The open escalations that forbid changing this party now (empty: the change may go ahead). */
export function partyChangeConflicts(field: PartyField, open: OpenEscalationRef[]): PartyChangeConflict[] {
  const blocking = open.filter((e) => {
    switch (field) {
      case 'departmentId':
        return e.level <= 1 && !e.confidential;
      case 'arbiterId':
        return e.level <= LAST_LEVEL;
      case 'parentBodyId':
        return e.trigger === 'appeal' || e.trigger === 'response_overdue';
      case 'commissionerId':
        return false;
    }
  });
  const what = {
    departmentId: 'department',
    arbiterId: 'independent arbiter',
    parentBodyId: 'parent body',
    commissionerId: 'commissioner',
  }[field];
  return blocking.map((e) => ({
    field,
    escalationId: e.id,
    message: `The ${what} cannot change while an escalation (${e.trigger.replace(/_/g, ' ')}, level ${e.level}) is open that it could decide or be decided by: resolve it first`,
  }));
}

/**
 * Issue 14 item 8: the organisations a mutual lead may name as parent body on a new journey:
 * parent bodies of the mutual's own nation (the law and working days of a journey follow that
 * nation; a cross-border arrangement is the central team's to set up). The request stays
 * unconfirmed until that body answers it, and the body can reject it as not theirs.
 */
export function mayNameAsParentBody(mutual: { nation: string }, org: { kind: string; nation: string }): boolean {
  return org.kind === 'parent_body' && org.nation === mutual.nation;
}
