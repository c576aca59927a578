import { DECLINE_GROUND_LABELS, DECLINE_GROUNDS, type DeclineGround } from '@pathway/domain/decline-grounds';
import { EVENT_DEFINITIONS, PUBLIC_JOURNEY_EVENT_TYPES, type PublicJourneyEventType } from '@pathway/domain/events';
import type { LegalFormOption } from '@pathway/domain/template/types';
import { field, type FormProblem } from '../forms';

/** One field of an action's form: the payload field its event takes. */
export interface ActionField {
  /** The payload field (and the form field's name). */
  name: string;
  kind: 'textarea' | 'radios' | 'select' | 'text' | 'file';
  /** May be left empty (then it is not sent). */
  optional?: boolean;
  /** The question (textarea and select labels, radios legend). */
  label: string;
  hint?: string;
  /** The GOV.UK message when it is left empty. */
  requiredMessage: string;
  /** Radios and selects. */
  options?: Array<{ value: string; text: string; hint?: string }>;
}

/** How an allowed event is offered on a page. */
export interface ActionForm {
  type: PublicJourneyEventType;
  /** The button (EVENT_DEFINITIONS' label). */
  button: string;
  /** The heading above the form. */
  heading: string;
  /** A sentence saying what happens. */
  description: string;
  fields: ActionField[];
  /** Shown inside a details component ("Other actions"), not as a main action. */
  secondary: boolean;
  /** A GOV.UK warning text above the button (actions that cannot be undone). */
  warning?: string;
  /** The success banner after it worked. */
  done: string;
  /** Has a file field: posted as multipart/form-data. */
  multipart: boolean;
}

const textarea = (name: string, label: string, requiredMessage: string, hint?: string): ActionField => ({
  name,
  kind: 'textarea',
  label,
  requiredMessage,
  hint,
});

/** The authority behind a decision (EVENT_DEFINITIONS' `decision`): a GOV.UK text input with a hint. */
const governance = (required: boolean): ActionField => ({
  name: 'governance',
  kind: 'text',
  label: required ? 'Who made this decision, and where is it recorded?' : 'Who made this decision, and where is it recorded? (optional)',
  hint: 'For example, "Cabinet, 12 March 2026, minute 7" or "Chief executive under delegated powers, report CE/2026/14". Everyone on the journey and anyone deciding an appeal can read this.',
  requiredMessage: 'Enter who made this decision and where it is recorded',
  optional: !required,
});

/** A decision's conditions (payload `conditions`, optional). */
const conditions: ActionField = {
  name: 'conditions',
  kind: 'textarea',
  optional: true,
  label: 'Conditions (optional)',
  hint: 'What the decision depends on, or what must happen next. Everyone on the journey and anyone deciding an appeal can read this.',
  requiredMessage: 'Enter the conditions',
};

/** A decision's attached document (sent with the event as a file; optional). */
const decisionFile: ActionField = {
  name: 'file',
  kind: 'file',
  optional: true,
  label: 'Attach a document (optional)',
  hint: 'For example the minute or report the decision was made on. One file up to 20 MB: PDF, image, Word, Excel, PowerPoint, OpenDocument, CSV or text.',
  requiredMessage: 'Select a file',
};

interface ActionCopy {
  heading: string;
  description: string;
  fields?: ActionField[];
  secondary?: boolean;
  warning?: string;
  done: string;
}

/** The words and extra fields for each event a person can fire. Payload fields the domain requires are required here too. */
const ACTION_COPY: Record<PublicJourneyEventType, ActionCopy> = {
  submit_expression_of_interest: {
    heading: 'Submit your expression of interest',
    description: 'Your parent body will be asked to accept or decline it, and reminded if it does not respond in time.',
    fields: [
      textarea(
        'proposalSummary',
        'Summary of your proposal',
        'Enter a summary of your proposal',
        'Say which service the mutual would run, how many staff would transfer and why a staff-led mutual would run it well.',
      ),
    ],
    done: 'Expression of interest submitted',
  },
  accept_expression_of_interest: {
    heading: 'Accept the expression of interest',
    description: 'The journey moves on to business planning.',
    fields: [conditions, governance(false), decisionFile],
    done: 'Expression of interest accepted',
  },
  decline_expression_of_interest: {
    heading: 'Decline the expression of interest',
    description: 'The mutual can appeal. The appeal is decided on the ground and reasons you give.',
    fields: [
      {
        name: 'ground',
        kind: 'radios',
        label: 'Why are you declining it?',
        requiredMessage: 'Select the ground for declining the expression of interest',
        options: DECLINE_GROUNDS.map((g) => ({ value: g, text: DECLINE_GROUND_LABELS[g] })),
      },
      textarea(
        'reasons',
        'Your reasons',
        'Enter your reasons for declining the expression of interest',
        'Explain the decision in full. The mutual and anyone deciding an appeal will read this.',
      ),
      conditions,
      governance(false),
      decisionFile,
    ],
    done: 'Expression of interest declined',
  },
  appeal: {
    heading: 'Appeal the decision',
    description:
      'Your appeal goes to the department first, and can be raised to the independent arbiter. An appeal against a decision taken again after an upheld appeal goes straight to the arbiter. If it is upheld, the parent body is asked to decide again.',
    fields: [
      textarea('grounds', 'Grounds for your appeal', 'Enter the grounds for your appeal', 'Say why the decision should be taken again.'),
    ],
    done: 'Appeal lodged',
  },
  submit_business_case: {
    heading: 'Submit the business case',
    description: 'Your parent body will be asked to approve it.',
    done: 'Business case submitted for approval',
  },
  approve_business_case: {
    heading: 'Approve the business case',
    description: 'The mutual can then start spinning out.',
    fields: [conditions, governance(false), decisionFile],
    done: 'Business case approved',
  },
  return_business_case: {
    heading: 'Return the business case for changes',
    description: 'The mutual can change the business case and submit it again.',
    fields: [
      textarea('reasons', 'What needs to change?', 'Enter what needs to change in the business case'),
      conditions,
      governance(false),
      decisionFile,
    ],
    done: 'Business case returned for changes',
  },
  reject_business_case: {
    heading: 'Refuse the business case',
    description: 'The mutual can appeal. The appeal is decided on the reasons you give.',
    fields: [
      textarea(
        'reasons',
        'Your reasons for refusing it',
        'Enter your reasons for refusing the business case',
        'Explain the decision in full. The mutual and anyone deciding an appeal will read this.',
      ),
      conditions,
      governance(true),
      decisionFile,
    ],
    secondary: true,
    done: 'Business case refused',
  },
  start_spin_out: {
    heading: 'Start spinning out',
    description: 'The journey moves to the spinning out phase: mobilising.',
    done: 'Spinning out started',
  },
  register_legal_entity: {
    heading: 'Record the legal entity as registered',
    description: 'Do this once the new organisation is registered.',
    fields: [
      {
        name: 'legalForm',
        kind: 'select',
        label: 'Legal form',
        requiredMessage: 'Select the legal form of the new organisation',
        options: [],
      },
    ],
    done: 'Legal entity recorded as registered',
  },
  confirm_transfer_readiness: {
    heading: 'Confirm you are ready for transfer',
    description: 'Staff, pensions, VAT, assets and contracts are ready for the transfer.',
    done: 'Ready for transfer confirmed',
  },
  complete_transfer: {
    heading: 'Complete the transfer',
    description: 'The service and its staff have transferred. The journey moves to the sustainability phase.',
    done: 'Transfer completed',
  },
  complete_first_year_review: {
    heading: 'Complete the first-year review',
    description: 'The mutual is operating.',
    done: 'First-year review completed',
  },
  put_on_hold: {
    heading: 'Put the journey on hold',
    description: 'Deadlines stop running until the journey is resumed.',
    fields: [textarea('reason', 'Why is the journey going on hold?', 'Enter why the journey is going on hold')],
    secondary: true,
    done: 'Journey put on hold',
  },
  resume: {
    heading: 'Resume the journey',
    description: 'The journey goes back to where it was when it was put on hold.',
    done: 'Journey resumed',
  },
  withdraw: {
    heading: 'Withdraw the journey',
    description: 'The journey ends and its tasks can no longer change.',
    fields: [textarea('reason', 'Why is the journey being withdrawn?', 'Enter why the journey is being withdrawn')],
    secondary: true,
    warning: 'Withdrawing a journey cannot be undone.',
    done: 'Journey withdrawn',
  },
};

export function isPublicEventType(value: unknown): value is PublicJourneyEventType {
  return typeof value === 'string' && (PUBLIC_JOURNEY_EVENT_TYPES as readonly string[]).includes(value);
}

/** The form for an event, with the legal forms of the journey's template in its select and (given) the decline grounds open to it. */
export function actionForm(
  type: PublicJourneyEventType,
  legalForms: LegalFormOption[] = [],
  declineGrounds?: readonly DeclineGround[],
): ActionForm {
  const copy = ACTION_COPY[type];
  const fields = (copy.fields ?? []).map((f) => {
    if (f.name === 'legalForm') return { ...f, options: legalForms.map((l) => ({ value: l.key, text: l.name })) };
    // Only the grounds open to this journey's parent body (declineGroundsOpenTo).
    if (f.name === 'ground' && declineGrounds)
      return { ...f, options: f.options?.filter((o) => declineGrounds.includes(o.value as DeclineGround)) };
    return f;
  });
  // Every payload field the domain requires has a field here (checked by the unit tests).
  return {
    type,
    button: EVENT_DEFINITIONS[type].label,
    heading: copy.heading,
    description: copy.description,
    fields,
    secondary: !!copy.secondary,
    warning: copy.warning,
    done: copy.done,
    multipart: fields.some((f) => f.kind === 'file'),
  };
}

/** Field labels by name, for service messages (`payload.reasons must be …`). */
export function actionFieldLabels(form: ActionForm): Record<string, string> {
  return Object.fromEntries(form.fields.map((f) => [f.name, f.label]));
}

/** The id of a field of an action's form: unique on a page holding several forms. */
export const actionFieldId = (type: string, name: string): string => `${type}-${name}`;

/**
 * The payload from a posted action form, and the problems with it: every field is required; a
 * radios or select value must be one of its options. Text is trimmed; nothing else is posted.
 */
export function readActionForm(
  form: ActionForm,
  body: unknown,
): { payload: Record<string, string>; values: Record<string, string>; problems: FormProblem[] } {
  const payload: Record<string, string> = {};
  const values: Record<string, string> = {};
  const problems: FormProblem[] = [];
  for (const f of form.fields) {
    // A file arrives beside the body (multer), never in it.
    if (f.kind === 'file') continue;
    const raw = field(body, f.name);
    const value = f.kind === 'textarea' || f.kind === 'text' ? raw.trim() : raw;
    values[f.name] = raw;
    const id = actionFieldId(form.type, f.name);
    if (!value && f.optional) continue;
    if (!value || (f.options && !f.options.some((o) => o.value === value))) {
      problems.push({ field: f.name, text: f.requiredMessage, href: `#${id}` });
      continue;
    }
    payload[f.name] = value;
  }
  return { payload, values, problems };
}

/** The expected version posted with an action (a hidden field), when it is a positive whole number. */
export function expectedVersionFrom(body: unknown): number | undefined {
  const raw = field(body, 'expectedVersion');
  return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}
