import { DECLINE_GROUNDS } from './decline-grounds';
import { validateEventPayload } from './event-payload';
import { EVENT_DEFINITIONS, GUARDED_JOURNEY_EVENT_TYPES, JOURNEY_EVENT_TYPES, PUBLIC_JOURNEY_EVENT_TYPES } from './events';
import { PHASE_SPECS } from './machines/phase-specs';
import { PHASES } from './vocabulary';

describe('journey events', () => {
  it('public events exclude exactly the internal appeal outcomes', () => {
    expect(JOURNEY_EVENT_TYPES.filter((t) => !PUBLIC_JOURNEY_EVENT_TYPES.includes(t as never))).toEqual([
      'uphold_appeal',
      'dismiss_appeal',
    ]);
    for (const t of JOURNEY_EVENT_TYPES) expect(EVENT_DEFINITIONS[t].internal).toBe(!PUBLIC_JOURNEY_EVENT_TYPES.includes(t as never));
  });

  it('every public event has roles and a label; internal events have no roles', () => {
    for (const t of JOURNEY_EVENT_TYPES) {
      const d = EVENT_DEFINITIONS[t];
      expect(d.label.length).toBeGreaterThan(3);
      expect(d.roles.length > 0).toBe(!d.internal);
    }
  });

  it('guards exactly the forward events the contract guards', () => {
    expect([...GUARDED_JOURNEY_EVENT_TYPES].sort()).toEqual(
      [
        'submit_business_case',
        'register_legal_entity',
        'confirm_transfer_readiness',
        'complete_transfer',
        'complete_first_year_review',
      ].sort(),
    );
  });

  it('every event except hold/resume/withdraw appears in exactly one phase spec', () => {
    for (const t of JOURNEY_EVENT_TYPES) {
      if (['put_on_hold', 'resume', 'withdraw'].includes(t)) continue;
      const uses = PHASES.flatMap((p) => Object.values(PHASE_SPECS[p].states).filter((on) => on && t in on));
      expect(uses.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('names the contract roles', () => {
    expect(EVENT_DEFINITIONS.submit_expression_of_interest.roles).toEqual(['mutual_lead']);
    expect(EVENT_DEFINITIONS.decline_expression_of_interest.roles).toEqual(['parent_body_officer']);
    expect(EVENT_DEFINITIONS.withdraw.roles).toEqual(['mutual_lead', 'cabinet_office_admin']);
    expect(EVENT_DEFINITIONS.resume.roles).toEqual(['mutual_lead', 'cabinet_office_staff', 'cabinet_office_admin']);
  });
});

describe('validateEventPayload', () => {
  it('requires each payload field as a non-empty string or list of strings', () => {
    expect(validateEventPayload('submit_expression_of_interest', undefined)).toEqual([
      'payload.proposalSummary must be a non-empty string',
    ]);
    expect(validateEventPayload('submit_expression_of_interest', { proposalSummary: '  ' })).toHaveLength(1);
    expect(validateEventPayload('submit_expression_of_interest', { proposalSummary: 'A staff-led mutual' })).toEqual([]);
    expect(validateEventPayload('appeal', { grounds: ['a', 'b'] })).toEqual([]);
    expect(validateEventPayload('appeal', { grounds: [] })).toHaveLength(1);
    expect(validateEventPayload('appeal', { grounds: 3 })).toHaveLength(1);
    expect(validateEventPayload('put_on_hold', {})).toEqual(['payload.reason must be a non-empty string']);
    expect(validateEventPayload('withdraw', { reason: 'no longer viable' })).toEqual([]);
    expect(validateEventPayload('return_business_case', {})).toEqual(['payload.reasons must be a non-empty string']);
    expect(validateEventPayload('accept_expression_of_interest', undefined)).toEqual([]);
  });

  it('takes an optional decline ground, which must be a known one when given', () => {
    // The contract requires only reasons; the ground, when sent, must come from the list.
    expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x' })).toEqual([]);
    expect(validateEventPayload('decline_expression_of_interest', { ground: 'other' })).toEqual([
      'payload.reasons must be a non-empty string',
    ]);
    expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x', ground: 'because' })).toEqual([
      `payload.ground must be one of: ${DECLINE_GROUNDS.join(', ')}`,
    ]);
    for (const ground of DECLINE_GROUNDS)
      expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x', ground })).toEqual([]);
  });
});
