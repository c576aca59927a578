import { EVENT_DEFINITIONS, PUBLIC_JOURNEY_EVENT_TYPES } from '@pathway/domain/events';
import { DECLINE_GROUNDS } from '@pathway/domain/decline-grounds';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { actionForm, expectedVersionFrom, isPublicEventType, readActionForm } from './journey-actions';

describe('journey action forms', () => {
  it('give every public event a form with a field for each payload field its definition requires', () => {
    for (const type of PUBLIC_JOURNEY_EVENT_TYPES) {
      const form = actionForm(type, PATHWAY_TEMPLATE_V1.legalForms);
      expect(form.button).toBe(EVENT_DEFINITIONS[type].label);
      for (const required of EVENT_DEFINITIONS[type].requiredPayload) {
        expect(form.fields.map((f) => f.name)).toContain(required);
      }
    }
  });

  it('declines with the decline grounds as radios, reasons as a textarea and the governance as an optional text input', () => {
    const form = actionForm('decline_expression_of_interest');
    expect(form.fields.map((f) => [f.name, f.kind, !!f.optional])).toEqual([
      ['ground', 'radios', false],
      ['reasons', 'textarea', false],
      ['conditions', 'textarea', true],
      ['governance', 'text', true],
      ['file', 'file', true],
    ]);
    expect(form.multipart).toBe(true);
    expect(actionForm('withdraw').multipart).toBe(false);
    expect(form.fields[0].options?.map((o) => o.value)).toEqual([...DECLINE_GROUNDS]);
  });

  it('registers the legal entity with a select of the template’s legal forms', () => {
    const form = actionForm('register_legal_entity', PATHWAY_TEMPLATE_V1.legalForms);
    expect(form.fields[0]).toMatchObject({ name: 'legalForm', kind: 'select' });
    expect(form.fields[0].options?.map((o) => o.value)).toEqual(PATHWAY_TEMPLATE_V1.legalForms.map((f) => f.key));
  });

  it('reads a posted form: trims text, requires every field, refuses values not offered', () => {
    const form = actionForm('decline_expression_of_interest');
    expect(readActionForm(form, { ground: 'not_viable', reasons: '  Too costly  ', governance: ' Cabinet, 12 March, minute 7 ' })).toEqual({
      payload: { ground: 'not_viable', reasons: 'Too costly', governance: 'Cabinet, 12 March, minute 7' },
      values: { ground: 'not_viable', reasons: '  Too costly  ', conditions: '', governance: ' Cabinet, 12 March, minute 7 ' },
      problems: [],
    });
    const bad = readActionForm(form, { ground: 'because', reasons: '   ', extra: 'ignored' });
    expect(bad.problems).toEqual([
      {
        field: 'ground',
        text: 'Select the ground for declining the expression of interest',
        href: '#decline_expression_of_interest-ground',
      },
      {
        field: 'reasons',
        text: 'Enter your reasons for declining the expression of interest',
        href: '#decline_expression_of_interest-reasons',
      },
    ]);
    // Governance is optional on an acceptance: left empty, it is not sent.
    expect(readActionForm(actionForm('accept_expression_of_interest'), { anything: 'x' })).toEqual({
      payload: {},
      values: { conditions: '', governance: '' },
      problems: [],
    });
    expect(readActionForm(actionForm('approve_business_case'), { governance: 'Board, 1 May' }).payload).toEqual({
      governance: 'Board, 1 May',
    });
  });

  it('knows the public event types and reads the expected version', () => {
    expect(isPublicEventType('appeal')).toBe(true);
    expect(isPublicEventType('uphold_appeal')).toBe(false);
    expect(isPublicEventType('nonsense')).toBe(false);
    expect(expectedVersionFrom({ expectedVersion: '7' })).toBe(7);
    expect(expectedVersionFrom({ expectedVersion: '0' })).toBeUndefined();
    expect(expectedVersionFrom({ expectedVersion: 'x' })).toBeUndefined();
  });
});
