/**
 * Property-based: arbitrary sequences of events (valid and invalid), with random checklists
 * deciding the guards, never leave a journey in a state its phase lacks, never pass a guarded
 * event with open mandatory tasks, and never leave `withdrawn`.
 */
import fc from 'fast-check';
import { EVENT_DEFINITIONS, JOURNEY_EVENT_TYPES, JourneyEventType } from '../events';
import { JOURNEY_STATES, PHASES, PHASE_STATES, TASK_STATUSES } from '../vocabulary';
import { blockingTasks, GateableTask } from './blocking-tasks';
import { applyJourneyEvent, initialPosition, JourneyPosition, structurallyAvailableEvents } from './journey-position';

const taskArb: fc.Arbitrary<GateableTask> = fc.record({
  key: fc.string({ minLength: 1, maxLength: 4 }),
  phase: fc.constantFrom(...PHASES),
  mandatory: fc.boolean(),
  gateState: fc.option(fc.constantFrom(...JOURNEY_STATES), { nil: null }),
  status: fc.constantFrom(...TASK_STATUSES),
});

// Either any event at all, or (more often) one of the events available now, mostly not withdraw,
// so that sequences get deep into later phases.
const choiceArb = fc.oneof(
  { weight: 1, arbitrary: fc.record({ any: fc.constantFrom(...JOURNEY_EVENT_TYPES) }) },
  { weight: 4, arbitrary: fc.record({ pick: fc.nat() }) },
);

function chooseEvent(choice: { any: JourneyEventType } | { pick: number }, pos: JourneyPosition): JourneyEventType {
  if ('any' in choice) return choice.any;
  const available = structurallyAvailableEvents(pos);
  const forward = available.filter((t) => t !== 'withdraw');
  const pool = forward.length > 0 && choice.pick % 50 !== 0 ? forward : available;
  return pool.length > 0 ? pool[choice.pick % pool.length] : 'withdraw';
}

const stepArb = fc.record({
  choice: choiceArb,
  tasks: fc.array(taskArb, { maxLength: 6 }),
  // Sometimes lie about the open tasks, to check the machine refuses anything but 0 on its own.
  override: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 3 }) }),
});

const PHASE_INDEX = Object.fromEntries(PHASES.map((p, i) => [p, i]));

describe('journey properties', () => {
  it('stays in the machine, honours guards, never leaves withdrawn, never goes back a phase', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 120, size: 'max' }), (steps) => {
        let pos: JourneyPosition = initialPosition();
        for (const raw of steps) {
          const step = { ...raw, type: chooseEvent(raw.choice, pos) };
          const open = step.override !== undefined ? step.override : blockingTasks(pos, step.type, step.tasks).length;
          const available = structurallyAvailableEvents(pos);
          const result = applyJourneyEvent(JSON.parse(JSON.stringify(pos)), {
            type: step.type,
            openMandatoryTasks: open,
          });
          if (pos.state === 'withdrawn') expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.reason).toBe(available.includes(step.type) ? 'guard_failed' : 'not_allowed_in_state');
            continue;
          }
          expect(available).toContain(step.type);
          if (EVENT_DEFINITIONS[step.type].guarded) {
            expect(open).toBe(0);
            if (step.override === undefined) expect(blockingTasks(pos, step.type, step.tasks)).toEqual([]);
          }
          const next = result.position;
          expect(PHASE_STATES[next.phase]).toContain(next.state);
          expect(PHASE_INDEX[next.phase]).toBeGreaterThanOrEqual(PHASE_INDEX[pos.phase]);
          if (next.phase !== pos.phase) expect(EVENT_DEFINITIONS[step.type].guarded || step.type === 'start_spin_out').toBe(true);
          pos = next;
          reached.add(`${pos.phase}/${pos.state}`);
        }
      }),
      { numRuns: 250 },
    );
    // The generator must actually explore: every state of every phase is visited across the runs.
    const all = PHASES.flatMap((p) => PHASE_STATES[p].map((st) => `${p}/${st}`));
    expect(all.filter((k) => !reached.has(k))).toEqual([]);
  });

  it('only ever sees the events it is offered succeed (biased towards available events)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 120, size: 'max' }), (choices) => {
        let pos: JourneyPosition = initialPosition();
        let withdrawnAt: number | null = null;
        choices.forEach(([pick, guardOpen], i) => {
          const available = structurallyAvailableEvents(pos);
          if (available.length === 0) {
            expect(pos.state).toBe('withdrawn');
            return;
          }
          const type = available[pick % available.length];
          const result = applyJourneyEvent(pos, { type, openMandatoryTasks: guardOpen ? 1 : 0 });
          if (EVENT_DEFINITIONS[type].guarded && guardOpen) {
            expect(result).toEqual({ ok: false, reason: 'guard_failed' });
            return;
          }
          expect(result.ok).toBe(true);
          if (result.ok) pos = result.position;
          if (pos.state === 'withdrawn' && withdrawnAt === null) withdrawnAt = i;
          if (withdrawnAt !== null) expect(pos.state).toBe('withdrawn');
        });
      }),
      { numRuns: 250 },
    );
  });
});
