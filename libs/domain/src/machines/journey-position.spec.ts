import { JOURNEY_EVENT_TYPES, JourneyEventType } from '../events';
import { JourneyState, PHASES, PHASE_STATES } from '../vocabulary';
import {
  applyJourneyEvent,
  availableEventsForRole,
  heldState,
  initialPosition,
  JourneyEventInput,
  JourneyPosition,
  JourneyPositionError,
  phaseInitialPosition,
  structurallyAvailableEvents,
} from './journey-position';

const roundTrip = (p: JourneyPosition): JourneyPosition => JSON.parse(JSON.stringify(p));

function fire(pos: JourneyPosition, ...events: Array<JourneyEventType | JourneyEventInput>): JourneyPosition {
  for (const e of events) {
    const input = typeof e === 'string' ? { type: e, openMandatoryTasks: 0 } : e;
    const result = applyJourneyEvent(roundTrip(pos), input);
    if (!result.ok) throw new Error(`${input.type} refused in ${pos.phase}/${pos.state}: ${result.reason}`);
    pos = result.position;
  }
  return pos;
}

const where = (p: JourneyPosition) => `${p.phase}/${p.state}`;

/** One way to reach every working state of every phase. */
const ROUTES: Record<string, JourneyEventType[]> = {
  'pre_spin_out/exploring': [],
  'pre_spin_out/awaiting_parent_body_response': ['submit_expression_of_interest'],
  'pre_spin_out/declined': ['submit_expression_of_interest', 'decline_expression_of_interest'],
  'pre_spin_out/under_appeal': ['submit_expression_of_interest', 'decline_expression_of_interest', 'appeal'],
  'pre_spin_out/business_planning': ['submit_expression_of_interest', 'accept_expression_of_interest'],
  'pre_spin_out/awaiting_approval': ['submit_expression_of_interest', 'accept_expression_of_interest', 'submit_business_case'],
  'pre_spin_out/business_case_rejected': [
    'submit_expression_of_interest',
    'accept_expression_of_interest',
    'submit_business_case',
    'reject_business_case',
  ],
  'pre_spin_out/business_case_under_appeal': [
    'submit_expression_of_interest',
    'accept_expression_of_interest',
    'submit_business_case',
    'reject_business_case',
    'appeal',
  ],
  'pre_spin_out/approved': [
    'submit_expression_of_interest',
    'accept_expression_of_interest',
    'submit_business_case',
    'approve_business_case',
  ],
};
const reach = (key: string): JourneyPosition => {
  if (ROUTES[key]) return fire(initialPosition(), ...ROUTES[key]);
  const [phase, state] = key.split('/') as [(typeof PHASES)[number], JourneyState];
  const routes: Record<string, JourneyEventType[]> = {
    mobilising: [],
    entity_registered: ['register_legal_entity'],
    ready_for_transfer: ['register_legal_entity', 'confirm_transfer_readiness'],
    bedding_in: [],
    operating: ['complete_first_year_review'],
  };
  return fire(phaseInitialPosition(phase), ...routes[state]);
};
const WORKING_STATES = PHASES.flatMap((phase) =>
  PHASE_STATES[phase].filter((s) => s !== 'on_hold' && s !== 'withdrawn').map((s) => `${phase}/${s}`),
);

describe('journey position', () => {
  it('starts in pre_spin_out / exploring', () => {
    expect(where(initialPosition())).toBe('pre_spin_out/exploring');
  });

  it('follows the main line from exploring to sustainability / operating', () => {
    const steps: Array<[JourneyEventType, string]> = [
      ['submit_expression_of_interest', 'pre_spin_out/awaiting_parent_body_response'],
      ['accept_expression_of_interest', 'pre_spin_out/business_planning'],
      ['submit_business_case', 'pre_spin_out/awaiting_approval'],
      ['approve_business_case', 'pre_spin_out/approved'],
      ['start_spin_out', 'spinning_out/mobilising'],
      ['register_legal_entity', 'spinning_out/entity_registered'],
      ['confirm_transfer_readiness', 'spinning_out/ready_for_transfer'],
      ['complete_transfer', 'sustainability/bedding_in'],
      ['complete_first_year_review', 'sustainability/operating'],
    ];
    let pos = initialPosition();
    for (const [event, expected] of steps) {
      pos = fire(pos, event);
      expect(where(pos)).toBe(expected);
    }
  });

  it('follows decline, appeal, dismissal, a second appeal and an upheld appeal back to the parent body', () => {
    let pos = fire(initialPosition(), 'submit_expression_of_interest', 'decline_expression_of_interest', 'appeal');
    expect(where(pos)).toBe('pre_spin_out/under_appeal');
    pos = fire(pos, 'dismiss_appeal');
    expect(where(pos)).toBe('pre_spin_out/declined');
    pos = fire(pos, 'appeal', 'uphold_appeal');
    // The escalation point cannot overrule the parent body: it reconsiders.
    expect(where(pos)).toBe('pre_spin_out/awaiting_parent_body_response');
    expect(structurallyAvailableEvents(pos)).toEqual(
      expect.arrayContaining(['accept_expression_of_interest', 'decline_expression_of_interest']),
    );
    // A second decline after reconsideration is appealable again.
    pos = fire(pos, 'decline_expression_of_interest', 'appeal');
    expect(where(pos)).toBe('pre_spin_out/under_appeal');
    pos = fire(pos, 'uphold_appeal', 'accept_expression_of_interest');
    expect(where(pos)).toBe('pre_spin_out/business_planning');
  });

  it('an upheld appeal never skips the decision it is about', () => {
    for (const key of ['pre_spin_out/under_appeal', 'pre_spin_out/business_case_under_appeal']) {
      const upheld = fire(reach(key), 'uphold_appeal');
      expect(['pre_spin_out/awaiting_parent_body_response', 'pre_spin_out/awaiting_approval']).toContain(where(upheld));
    }
  });

  it('refuses a business case, hears the appeal, and sends it back for approval when upheld', () => {
    let pos = fire(reach('pre_spin_out/awaiting_approval'), 'reject_business_case');
    expect(where(pos)).toBe('pre_spin_out/business_case_rejected');
    expect(availableEventsForRole(pos, 'mutual_lead')).toEqual(expect.arrayContaining(['appeal', 'withdraw']));
    expect(availableEventsForRole(pos, 'parent_body_officer')).toEqual([]);
    pos = fire(pos, 'appeal');
    expect(where(pos)).toBe('pre_spin_out/business_case_under_appeal');
    expect(where(fire(pos, 'dismiss_appeal'))).toBe('pre_spin_out/business_case_rejected');
    pos = fire(pos, 'uphold_appeal');
    expect(where(pos)).toBe('pre_spin_out/awaiting_approval');
    expect(availableEventsForRole(pos, 'parent_body_officer').sort()).toEqual(
      ['approve_business_case', 'reject_business_case', 'return_business_case'].sort(),
    );
  });

  it('returns a business case to business planning', () => {
    const pos = fire(reach('pre_spin_out/awaiting_approval'), 'return_business_case');
    expect(where(pos)).toBe('pre_spin_out/business_planning');
  });

  it.each(WORKING_STATES)('holds %s and resumes to exactly that state after a JSON round trip', (key) => {
    const before = reach(key);
    const held = fire(before, 'put_on_hold');
    expect(held.state).toBe('on_hold');
    expect(held.phase).toBe(before.phase);
    const reloaded = JSON.parse(JSON.stringify(held)) as JourneyPosition;
    expect(heldState(reloaded)).toBe(before.state);
    expect(structurallyAvailableEvents(reloaded).sort()).toEqual(['resume', 'withdraw']);
    const resumed = fire(reloaded, 'resume');
    expect(where(resumed)).toBe(key);
    expect(heldState(resumed)).toBeNull();
  });

  it.each(WORKING_STATES)('withdraws from %s and from a hold there, finally', (key) => {
    for (const start of [reach(key), fire(reach(key), 'put_on_hold')]) {
      const withdrawn = fire(start, { type: 'withdraw', payload: { reason: 'x' } });
      expect(withdrawn.state).toBe('withdrawn');
      expect(withdrawn.phase).toBe(start.phase);
      expect(structurallyAvailableEvents(withdrawn)).toEqual([]);
      for (const type of JOURNEY_EVENT_TYPES) {
        expect(applyJourneyEvent(roundTrip(withdrawn), { type, openMandatoryTasks: 0 })).toEqual({
          ok: false,
          reason: 'not_allowed_in_state',
        });
      }
    }
  });

  it('refuses events that the current state does not accept', () => {
    const pos = initialPosition();
    for (const type of [
      'accept_expression_of_interest',
      'approve_business_case',
      'resume',
      'complete_transfer',
      'uphold_appeal',
    ] as const) {
      expect(applyJourneyEvent(pos, { type, openMandatoryTasks: 0 })).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    }
    expect(applyJourneyEvent(pos, { type: 'bogus' as JourneyEventType })).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    const held = fire(pos, 'put_on_hold');
    expect(applyJourneyEvent(held, { type: 'submit_expression_of_interest' })).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(applyJourneyEvent(held, { type: 'put_on_hold' })).toEqual({ ok: false, reason: 'not_allowed_in_state' });
  });

  it('refuses a guarded event unless openMandatoryTasks is exactly 0', () => {
    const pos = reach('pre_spin_out/business_planning');
    for (const open of [undefined, 1, 5, -1, NaN]) {
      expect(applyJourneyEvent(pos, { type: 'submit_business_case', openMandatoryTasks: open })).toEqual({
        ok: false,
        reason: 'guard_failed',
      });
    }
    expect(applyJourneyEvent(pos, { type: 'submit_business_case', openMandatoryTasks: 0 }).ok).toBe(true);
  });

  it('lists the events the machine accepts now, including internal ones', () => {
    expect(structurallyAvailableEvents(initialPosition()).sort()).toEqual(
      ['put_on_hold', 'submit_expression_of_interest', 'withdraw'].sort(),
    );
    expect(structurallyAvailableEvents(reach('pre_spin_out/under_appeal')).sort()).toEqual(
      ['dismiss_appeal', 'put_on_hold', 'uphold_appeal', 'withdraw'].sort(),
    );
    expect(structurallyAvailableEvents(reach('pre_spin_out/business_planning'))).toContain('submit_business_case');
  });

  it('filters available events by role and hides internal events', () => {
    const appeal = reach('pre_spin_out/under_appeal');
    expect(availableEventsForRole(appeal, 'cabinet_office_admin').sort()).toEqual(['put_on_hold', 'withdraw']);
    expect(availableEventsForRole(appeal, 'arbiter')).toEqual([]);
    const awaiting = reach('pre_spin_out/awaiting_parent_body_response');
    expect(availableEventsForRole(awaiting, 'parent_body_officer').sort()).toEqual(
      ['accept_expression_of_interest', 'decline_expression_of_interest'].sort(),
    );
    expect(availableEventsForRole(awaiting, 'cabinet_office_staff').sort()).toEqual(['put_on_hold']);
  });

  it('rejects corrupt stored positions', () => {
    expect(() => structurallyAvailableEvents({ phase: 'spinning_out', state: 'exploring', snapshot: null })).toThrow(JourneyPositionError);
    const pos = reach('pre_spin_out/declined');
    expect(() => structurallyAvailableEvents({ ...pos, state: 'approved' })).toThrow(JourneyPositionError);
    expect(() => structurallyAvailableEvents({ phase: 'pre_spin_out', state: 'on_hold', snapshot: null })).toThrow(JourneyPositionError);
  });

  it('restores a position stored without a snapshot from its state', () => {
    const pos = fire({ phase: 'spinning_out', state: 'entity_registered', snapshot: null }, 'confirm_transfer_readiness');
    expect(where(pos)).toBe('spinning_out/ready_for_transfer');
  });

  // The machines' answers are kept per process (journey-position.ts): they must stay the machine's own.
  it('answers a guarded event by its open tasks each time, whatever was asked before in the same state', () => {
    const planning = reach('pre_spin_out/business_planning');
    const submit = (openMandatoryTasks?: number) =>
      applyJourneyEvent(roundTrip(planning), { type: 'submit_business_case', openMandatoryTasks });
    expect(submit(0).ok).toBe(true);
    expect(submit(2)).toEqual({ ok: false, reason: 'guard_failed' });
    expect(submit(undefined)).toEqual({ ok: false, reason: 'guard_failed' });
    expect(submit(0).ok).toBe(true);
  });

  it('gives each caller a snapshot of its own: changing one result changes no later one', () => {
    const planning = reach('pre_spin_out/business_planning');
    const first = applyJourneyEvent(roundTrip(planning), { type: 'put_on_hold' });
    if (!first.ok) throw new Error('put_on_hold refused');
    (first.position.snapshot as { context: { heldIn: string } }).context.heldIn = 'exploring';
    const second = applyJourneyEvent(roundTrip(planning), { type: 'put_on_hold' });
    expect(second.ok && heldState(second.position)).toBe('business_planning');
    const events = structurallyAvailableEvents(planning);
    events.length = 0;
    expect(structurallyAvailableEvents(planning)).toContain('submit_business_case');
  });

  it('keeps apart the same state held in different states (resume returns to each its own)', () => {
    for (const key of ['pre_spin_out/business_planning', 'pre_spin_out/awaiting_approval', 'pre_spin_out/exploring']) {
      const held = fire(reach(key), 'put_on_hold');
      expect(where(fire(held, 'resume'))).toBe(key);
    }
  });
});
