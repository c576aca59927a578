import { currentPhaseFirst, type Checklist } from './checklist';
import { transferTimelineView } from './transfer-timeline-view';

const task = (key: string, phase: string, dueDate: string | null, status = 'not_started', dependsOn: string[] = []) =>
  ({
    id: `id-${key}`,
    key,
    title: key,
    phase,
    workstream: 'tupe',
    status,
    dueDate,
    deadline: dueDate,
    dependsOn,
    mandatory: true,
    statutory: false,
  }) as never;

describe('transferTimelineView', () => {
  const journey = { id: 'J', phase: 'spinning_out', plannedTransferDate: '2027-06-01' };
  const tasks = [
    task('reps', 'spinning_out', '2027-01-10', 'completed'),
    task('measures', 'spinning_out', '2027-02-01'),
    task('consult', 'spinning_out', '2027-03-01', 'cannot_start_yet', ['measures']),
    task('later', 'sustainability', '2027-09-01'),
    task('undated', 'spinning_out', null),
  ];
  const view = transferTimelineView(journey, tasks, '2027-02-15');

  it('marks earlier phases done, the journey’s phase current and later ones to come', () => {
    expect(view.phases.map((p) => [p.heading, p.state])).toEqual([
      ['Pre-spin-out', 'done'],
      ['Spinning out', 'current'],
      ['Sustainability', 'upcoming'],
    ]);
  });

  it('puts today and transfer day among the deadlines, counts the days, and finds the critical path', () => {
    expect(view.entries.map((e) => e.title)).toEqual(['reps', 'measures', 'Today', 'consult', 'Planned transfer day', 'later']);
    expect(view.daysToTransfer).toBe(106);
    expect(view.criticalPath.map((r) => r.title)).toEqual(['measures', 'consult']);
    expect(view.next.map((r) => [r.title, r.overdue])).toEqual([
      ['measures', true],
      ['consult', false],
      ['later', false],
    ]);
    // A task that cannot start yet has no link (as in the checklist).
    expect(view.entries.find((e) => e.title === 'consult')?.href).toBeUndefined();
    expect(view.entries.find((e) => e.title === 'measures')?.href).toBe('/journeys/J/tasks/id-measures');
    expect(view.undated).toBe(1);
  });
});

describe('currentPhaseFirst', () => {
  const phase = (p: string) => ({ phase: p, heading: p, id: p, completed: 0, total: 1, workstreams: [] });
  const checklist: Checklist = { completed: 0, total: 3, phases: [phase('pre_spin_out'), phase('spinning_out'), phase('sustainability')] };

  it('puts the current phase first and marks it; the rest keep pathway order', () => {
    const out = currentPhaseFirst(checklist, 'spinning_out');
    expect(out.phases.map((p) => [p.phase, p.current])).toEqual([
      ['spinning_out', true],
      ['pre_spin_out', false],
      ['sustainability', false],
    ]);
  });

  it('opens the first phase when the current one has no tasks', () => {
    const out = currentPhaseFirst({ ...checklist, phases: [phase('pre_spin_out')] }, 'sustainability');
    expect(out.phases.map((p) => p.current)).toEqual([true]);
  });
});
