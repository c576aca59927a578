import { buildTransferTimeline, criticalPath, type TimelineTask } from './transfer-timeline';

const task = (
  key: string,
  dueDate: string | null,
  dependsOn: string[] = [],
  status = 'not_started',
  workstream = 'tupe',
): TimelineTask => ({
  id: key,
  key,
  title: key,
  workstream,
  status,
  dueDate,
  dependsOn,
  mandatory: true,
  statutory: false,
});

describe('the timeline to transfer day', () => {
  const tasks = [
    task('reps', '2027-01-10'),
    task('measures', '2027-02-01', ['reps']),
    task('consult', '2027-03-01', ['measures']),
    task('lease', '2027-03-15', [], 'not_started', 'assets'),
    task('done_early', '2026-11-01', [], 'completed', 'finance'),
    task('undated', null),
  ];

  it('puts dated tasks in date order with today and the transfer day among them', () => {
    const t = buildTransferTimeline(tasks, '2027-04-01', '2027-02-10');
    expect(t.entries.map((e) => (e.kind === 'task' ? e.task.key : e.kind))).toEqual([
      'done_early',
      'reps',
      'measures',
      'today',
      'consult',
      'lease',
      'transfer',
    ]);
    const reps = t.entries.find((e) => e.kind === 'task' && e.task.key === 'reps');
    expect(reps).toMatchObject({ overdue: true, critical: true });
    expect(t.byWorkstream.map((g) => [g.workstream, g.tasks.map((x) => x.key)])).toEqual([
      ['finance', ['done_early']],
      ['tupe', ['reps', 'measures', 'consult']],
      ['assets', ['lease']],
    ]);
  });

  it('finds the longest chain of open tasks as the critical path, ignoring done tasks and cycles', () => {
    expect(criticalPath(tasks)).toEqual(['reps', 'measures', 'consult']);
    expect(criticalPath([task('a', '2027-01-01', ['b']), task('b', '2027-01-02', ['a'])]).length).toBeLessThanOrEqual(2);
    expect(criticalPath([task('x', '2027-01-01')])).toEqual([]);
    expect(criticalPath([task('a', '2027-01-01', [], 'completed'), task('b', '2027-02-01', ['a'])])).toEqual([]);
  });

  it('puts the transfer after tasks due that day and today before them', () => {
    const t = buildTransferTimeline([task('same', '2027-04-01')], '2027-04-01', '2027-04-01');
    expect(t.entries.map((e) => e.kind)).toEqual(['today', 'task', 'transfer']);
  });
});
