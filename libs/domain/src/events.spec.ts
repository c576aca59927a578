import { DECLINE_GROUNDS } from './decline-grounds';
import { EVENT_PAYLOAD_DTOS, MAX_EVENT_TEXT, MAX_GOVERNANCE_TEXT, validateEventPayload } from './event-payload';
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

  it('takes an optional decline ground, which must be a known one when given; governance is required', () => {
    const governance = 'Cabinet, 12 March, minute 7';
    expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x', governance })).toEqual([]);
    expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x' })).toEqual(['payload.governance must be a non-empty string']);
    expect(validateEventPayload('decline_expression_of_interest', { ground: 'other', governance })).toEqual([
      'payload.reasons must be a non-empty string',
    ]);
    expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x', ground: 'because', governance })).toEqual([
      `payload.ground must be one of: ${DECLINE_GROUNDS.join(', ')}`,
    ]);
    for (const ground of DECLINE_GROUNDS)
      expect(validateEventPayload('decline_expression_of_interest', { reasons: 'x', ground, governance })).toEqual([]);
  });

  it('has a DTO for every event type of the catalogue, which refuses unknown keys', () => {
    expect(Object.keys(EVENT_PAYLOAD_DTOS).sort()).toEqual([...JOURNEY_EVENT_TYPES].sort());
    for (const type of JOURNEY_EVENT_TYPES) {
      const problems = validateEventPayload(type, { colour: 'blue' });
      expect(problems).toContain(`property payload.colour should not exist: it is not a field of ${type}`);
      expect(validateEventPayload(type, JSON.parse('{"__proto__": {"admin": true}}'))).toContain(
        `property payload.__proto__ should not exist: it is not a field of ${type}`,
      );
      expect(validateEventPayload(type, 'text')).toEqual(['payload must be an object']);
      expect(validateEventPayload(type, [])).toEqual(['payload must be an object']);
    }
  });

  it('requires the fields EVENT_DEFINITIONS names and accepts a payload with just those', () => {
    const valid: Record<string, unknown> = { escalationId: '8a5f3c4e-5d7b-4a86-9d0f-1c2b3a4d5e6f' };
    for (const type of JOURNEY_EVENT_TYPES) {
      const required = EVENT_DEFINITIONS[type].requiredPayload;
      const full = Object.fromEntries(required.map((f) => [f, valid[f] ?? 'Filled in']));
      expect({ type, problems: validateEventPayload(type, full) }).toEqual({ type, problems: [] });
      for (const f of required) expect(validateEventPayload(type, { ...full, [f]: undefined }).join()).toMatch(`payload.${f}`);
    }
  });

  it('bounds text: 10,000 characters for reasons and summaries, 500 for governance', () => {
    const long = 'x'.repeat(MAX_EVENT_TEXT + 1);
    expect(validateEventPayload('put_on_hold', { reason: long })).toEqual([`payload.reason must be at most ${MAX_EVENT_TEXT} characters`]);
    expect(validateEventPayload('put_on_hold', { reason: 'x'.repeat(MAX_EVENT_TEXT) })).toEqual([]);
    expect(validateEventPayload('appeal', { grounds: ['x'.repeat(6000), 'y'.repeat(6000)] })).toEqual([
      `payload.grounds must be at most ${MAX_EVENT_TEXT} characters`,
    ]);
    const governance = 'g'.repeat(MAX_GOVERNANCE_TEXT + 1);
    expect(validateEventPayload('approve_business_case', { governance })).toEqual([
      `payload.governance must be at most ${MAX_GOVERNANCE_TEXT} characters`,
    ]);
    expect(validateEventPayload('reject_business_case', { reasons: 'x', governance })).toEqual([
      `payload.governance must be at most ${MAX_GOVERNANCE_TEXT} characters`,
    ]);
    expect(validateEventPayload('approve_business_case', { governance: 7 })).toEqual(['payload.governance must be a string']);
  });

  it('every decision takes governance: required for a decline or a refusal, optional elsewhere', () => {
    const decisions = JOURNEY_EVENT_TYPES.filter((t) => EVENT_DEFINITIONS[t].decision);
    expect(decisions.sort()).toEqual(
      [
        'accept_expression_of_interest',
        'decline_expression_of_interest',
        'approve_business_case',
        'return_business_case',
        'reject_business_case',
        'uphold_appeal',
        'dismiss_appeal',
      ].sort(),
    );
    for (const t of decisions)
      expect(EVENT_DEFINITIONS[t].requiredPayload.includes('governance')).toBe(EVENT_DEFINITIONS[t].decision === 'required');
    expect(EVENT_DEFINITIONS.reject_business_case.roles).toEqual(['parent_body_officer']);
  });
});
