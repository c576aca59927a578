import { BadRequestError, ConflictError, DutyRuleError, GuardFailedError } from '@pathway/platform/errors/domain-errors';
import type { FormProblem } from './forms';

/** A task a failed guard names (GuardFailedError.blockingTasks). */
export interface BlockingTask {
  id: string;
  key: string;
  title: string;
  status: string;
  ownerParty?: string;
}

/** A service refusal a form shows to the person (400, 409, 422) rather than an error page. */
export interface FormFailure {
  status: 400 | 409 | 422;
  problems: FormProblem[];
  /** 422: the tasks to finish first. */
  blockingTasks?: BlockingTask[];
}

export interface FormFailureOptions {
  /** The field a message belongs to when it names none of `fields` (usually the form's first field or button). */
  defaultField: string;
  /** Form fields a service message may name (`payload.reasons …`, `dueDate …`), with their labels for the message. */
  fields?: Record<string, string>;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "payload.reasons must be at most 10000 characters" → field `reasons`, "Reasons must be 10,000 characters or fewer". */
function problemFor(message: string, options: FormFailureOptions): FormProblem {
  const match = /^(?:payload\.)?([A-Za-z]+)\b\s*(.*)$/.exec(message.trim());
  const name = match?.[1];
  const label = name ? options.fields?.[name] : undefined;
  if (!name || label === undefined) return { field: options.defaultField, text: capitalise(message) };
  const rest = match?.[2] ?? '';
  const tooLong = /^must be at most (\d+) characters/.exec(rest);
  if (tooLong)
    return { field: name, text: `${capitalise(label)} must be ${Number(tooLong[1]).toLocaleString('en-GB')} characters or fewer` };
  return { field: name, text: `${capitalise(label)} ${rest}`.trim() };
}

/**
 * The problems to show on a form for a service's refusal: a 400 names its fields, a 409 (the
 * journey moved on, an event not possible now, dependencies open) and a 422 (checklist guard)
 * become messages on the form. Anything else (403, 404, 500) is null: let it reach the error pages.
 */
export function formFailureFrom(err: unknown, options: FormFailureOptions): FormFailure | null {
  if (err instanceof BadRequestError) {
    const messages = err.messages.length ? err.messages : [err.message];
    return { status: 400, problems: messages.map((m) => problemFor(m, options)) };
  }
  if (err instanceof GuardFailedError) {
    return {
      status: 422,
      problems: [{ field: options.defaultField, text: err.message }],
      blockingTasks: (err.blockingTasks as BlockingTask[]).filter((t) => t && typeof t.id === 'string'),
    };
  }
  if (err instanceof DutyRuleError) {
    // A duty rule (no party weakens its own duty): each rule broken, on the field that broke it.
    const field = err.field && options.fields?.[err.field] !== undefined ? err.field : options.defaultField;
    return { status: 422, problems: err.rules.map((r) => ({ field, text: r.message })) };
  }
  if (err instanceof ConflictError) {
    return { status: 409, problems: [{ field: options.defaultField, text: err.message }] };
  }
  return null;
}
