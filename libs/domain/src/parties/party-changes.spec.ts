import { mayNameAsParentBody, partyChangeConflicts, type OpenEscalationRef } from './party-changes';

const e = (trigger: string, level: number, confidential = false): OpenEscalationRef => ({
  id: `${trigger}-${level}`,
  trigger,
  level,
  confidential,
});

describe('party changes', () => {
  it('refuses a new department while a level-1 escalation is open, not for a confidential concern or one at the arbiter', () => {
    expect(partyChangeConflicts('departmentId', [e('manual', 1)])).toHaveLength(1);
    expect(partyChangeConflicts('departmentId', [e('appeal', 1)])).toHaveLength(1);
    expect(partyChangeConflicts('departmentId', [e('manual', 1, true), e('task_overdue', 2)])).toEqual([]);
  });

  it('refuses a new arbiter while any escalation is open (each can still rise to it)', () => {
    expect(partyChangeConflicts('arbiterId', [e('task_overdue', 1)])).toHaveLength(1);
    expect(partyChangeConflicts('arbiterId', [e('appeal', 2)])).toHaveLength(1);
    expect(partyChangeConflicts('arbiterId', [e('manual', 1, true)])).toHaveLength(1);
    expect(partyChangeConflicts('arbiterId', [])).toEqual([]);
  });

  it('refuses a new parent body while an appeal or unanswered request is open', () => {
    expect(partyChangeConflicts('parentBodyId', [e('appeal', 2)])[0]).toMatchObject({ field: 'parentBodyId', escalationId: 'appeal-2' });
    expect(partyChangeConflicts('parentBodyId', [e('response_overdue', 1)])).toHaveLength(1);
    expect(partyChangeConflicts('parentBodyId', [e('manual', 1), e('task_overdue', 2)])).toEqual([]);
  });

  it('never blocks the commissioner', () => {
    expect(partyChangeConflicts('commissionerId', [e('appeal', 1), e('manual', 2)])).toEqual([]);
  });
});

describe('parent bodies a mutual lead may name', () => {
  it('are parent bodies of the mutual’s nation only', () => {
    expect(mayNameAsParentBody({ nation: 'wales' }, { kind: 'parent_body', nation: 'wales' })).toBe(true);
    expect(mayNameAsParentBody({ nation: 'wales' }, { kind: 'parent_body', nation: 'england' })).toBe(false);
    expect(mayNameAsParentBody({ nation: 'wales' }, { kind: 'department', nation: 'wales' })).toBe(false);
  });
});
