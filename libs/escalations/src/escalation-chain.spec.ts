import { assigneeForLevel, startingLevel } from './escalation-chain';

const parties = { mutualOrganisationId: 'm', parentBodyId: 'p', commissionerId: null, departmentId: 'd', arbiterId: 'a' };

describe('escalation chain', () => {
  it('goes department, then arbiter', () => {
    expect(assigneeForLevel(1, parties, 'central')).toBe('d');
    expect(assigneeForLevel(2, parties, 'central')).toBe('a');
  });

  it('falls back to the central team for a missing level', () => {
    expect(assigneeForLevel(1, { ...parties, departmentId: null }, 'central')).toBe('central');
    expect(assigneeForLevel(2, { ...parties, arbiterId: null }, 'central')).toBe('central');
  });

  it('starts a conflict of interest at the arbiter', () => {
    expect(startingLevel({ conflictOfInterest: true, trigger: 'manual' }, parties)).toBe(2);
    expect(startingLevel({ conflictOfInterest: false, trigger: 'manual' }, parties)).toBe(1);
  });

  it('never lets a department that is the parent body decide an appeal against itself', () => {
    expect(startingLevel({ conflictOfInterest: false, trigger: 'appeal' }, { ...parties, departmentId: 'p' })).toBe(2);
    expect(startingLevel({ conflictOfInterest: false, trigger: 'appeal' }, parties)).toBe(1);
  });
});
