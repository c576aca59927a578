import { JourneyEventType } from '../events';
import { blockingTasks, GateableTask } from './blocking-tasks';
import { JourneyPosition, phaseInitialPosition } from './journey-position';

const task = (over: Partial<GateableTask>): GateableTask => ({
  key: 'k',
  phase: 'spinning_out',
  mandatory: true,
  gateState: 'mobilising',
  status: 'not_started',
  ...over,
});

describe('blockingTasks', () => {
  const mobilising: JourneyPosition = phaseInitialPosition('spinning_out');

  it('returns open mandatory tasks gated on the current phase and state', () => {
    const tasks = [
      task({ key: 'open', status: 'in_progress' }),
      task({ key: 'cannot_start', status: 'cannot_start_yet' }),
      task({ key: 'done', status: 'completed' }),
      task({ key: 'na', status: 'not_applicable' }),
      task({ key: 'optional', mandatory: false }),
      task({ key: 'other_state', gateState: 'entity_registered' }),
      task({ key: 'other_phase', phase: 'pre_spin_out' }),
      task({ key: 'ungated', gateState: null }),
    ];
    expect(blockingTasks(mobilising, 'register_legal_entity', tasks).map((t) => t.key)).toEqual(['open', 'cannot_start']);
  });

  it('returns nothing for unguarded events', () => {
    for (const type of ['withdraw', 'put_on_hold', 'start_spin_out'] as JourneyEventType[]) {
      expect(blockingTasks(mobilising, type, [task({})])).toEqual([]);
    }
  });

  it('keeps the caller’s extra fields', () => {
    const [t] = blockingTasks(mobilising, 'register_legal_entity', [{ ...task({}), title: 'Choose a legal form' }]);
    expect(t.title).toBe('Choose a legal form');
  });
});
