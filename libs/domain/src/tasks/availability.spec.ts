import { canComplete, initialTaskStatus, recomputeAvailability } from './availability';

describe('task availability', () => {
  it('starts a task without dependencies as not_started, and one with open dependencies as cannot_start_yet', () => {
    expect(initialTaskStatus({ key: 'a', dependsOn: [] }, [])).toBe('not_started');
    expect(initialTaskStatus({ key: 'b', dependsOn: ['a'] }, [{ key: 'a', status: 'not_started' }])).toBe('cannot_start_yet');
    expect(initialTaskStatus({ key: 'b', dependsOn: ['a'] }, [{ key: 'a', status: 'completed' }])).toBe('not_started');
    expect(initialTaskStatus({ key: 'b', dependsOn: ['a'] }, [{ key: 'a', status: 'not_applicable' }])).toBe('not_started');
    expect(initialTaskStatus({ key: 'b', dependsOn: ['missing'] }, [])).toBe('cannot_start_yet');
    expect(initialTaskStatus({ key: 'b', dependsOn: ['a'] }, [{ key: 'a' }])).toBe('cannot_start_yet');
  });

  it('recomputes: unblocks, re-blocks not-started tasks, and keeps started or finished ones', () => {
    const result = recomputeAvailability([
      { key: 'a', status: 'completed', dependsOn: [] },
      { key: 'b', status: 'in_progress', dependsOn: [] },
      { key: 'c', status: 'cannot_start_yet', dependsOn: ['a'] },
      { key: 'd', status: 'not_started', dependsOn: ['b'] },
      { key: 'e', status: 'in_progress', dependsOn: ['b'] },
      { key: 'f', status: 'completed', dependsOn: ['b'] },
      { key: 'g', status: 'cannot_start_yet', dependsOn: ['a', 'b'] },
      { key: 'h', status: 'not_applicable', dependsOn: ['b'] },
      { key: 'i', status: 'cannot_start_yet', dependsOn: [] },
    ]);
    expect(result).toEqual([
      { key: 'a', status: 'completed' },
      { key: 'b', status: 'in_progress' },
      { key: 'c', status: 'not_started' },
      { key: 'd', status: 'cannot_start_yet' },
      { key: 'e', status: 'in_progress' },
      { key: 'f', status: 'completed' },
      { key: 'g', status: 'cannot_start_yet' },
      { key: 'h', status: 'not_applicable' },
      { key: 'i', status: 'not_started' },
    ]);
  });

  it('allows completion only when every dependency is done', () => {
    expect(canComplete({ key: 'b', dependsOn: ['a'] }, [{ key: 'a', status: 'in_progress' }])).toBe(false);
    expect(canComplete({ key: 'b', dependsOn: ['a'] }, [{ key: 'a', status: 'completed' }])).toBe(true);
    expect(canComplete({ key: 'b', dependsOn: [] }, [])).toBe(true);
  });
});
