/**
 * Payload validation for journey events: one class-validator DTO per event type of the catalogue
 * (EVENT_PAYLOAD_DTOS, a complete Record over JourneyEventType, so a new event fails the type check
 * until it has one). Unknown keys are refused (the history is append-only: nothing rides along in
 * it), text is bounded, required fields are required; `ground` must be a DECLINE_GROUNDS value.
 *
 * The one file of the domain that imports class-validator: its decorators are data about the
 * payload, and the domain stays free of Nest and TypeORM (libs/domain/src/index.spec.ts).
 */
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateBy, ValidationError, validateSync } from 'class-validator';
import { textProblem } from './bounds/bounds';
import { isValidCalendarDate } from './calendar/london';
import { DECLINE_GROUNDS } from './decline-grounds';
import type { JourneyEventType } from './events';

/** Longest free text a payload field takes (a summary, reasons, grounds). */
export const MAX_EVENT_TEXT = 10_000;
/** Longest `governance` note: who decided, under what authority ("Cabinet, 12 March, minute 7"). */
export const MAX_GOVERNANCE_TEXT = 500;
/** Longest `conditions` on a decision: what the decision depends on, or what must happen next. */
export const MAX_CONDITIONS_TEXT = 5_000;
/** Longest list when a text field is given as a list of points. */
const MAX_TEXT_ITEMS = 50;

const isFilled = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0;

/**
 * Required free text: a non-empty string, or a non-empty list of non-empty strings (points), at
 * most MAX_EVENT_TEXT characters in all.
 */
function IsRequiredText(max = MAX_EVENT_TEXT): PropertyDecorator {
  return ValidateBy({
    name: 'isRequiredText',
    validator: {
      validate: (value: unknown) => {
        const items = Array.isArray(value) ? value : [value];
        if (!items.length || items.length > MAX_TEXT_ITEMS || !items.every(isFilled)) return false;
        return items.reduce((n: number, s: string) => n + s.length, 0) <= max;
      },
      defaultMessage: (args) => {
        const value = args?.value as unknown;
        const items = Array.isArray(value) ? value : [value];
        if (items.length && items.every(isFilled) && items.length <= MAX_TEXT_ITEMS)
          return `payload.$property must be at most ${max} characters`;
        return 'payload.$property must be a non-empty string';
      },
    },
  });
}

/** Optional free text: absent, or a string of at most `max` characters that can be stored as given (bounds' textProblem). */
function OptionalText(max: number): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString({ message: 'payload.$property must be a string' })(target, key);
    MaxLength(max, { message: `payload.$property must be at most ${max} characters` })(target, key);
    ValidateBy({
      name: 'isSafeText',
      validator: {
        validate: (v) => typeof v !== 'string' || textProblem(v) === null,
        defaultMessage: (args) => `payload.$property ${textProblem(String(args?.value)) ?? 'must be plain text'}`,
      },
    })(target, key);
  };
}

/** Conditions attached to a decision (optional, non-blank when given). */
function Conditions(): PropertyDecorator {
  return (target, key) => {
    OptionalText(MAX_CONDITIONS_TEXT)(target, key);
    ValidateBy({
      name: 'isNotBlank',
      validator: {
        validate: (v) => typeof v !== 'string' || v.trim().length > 0,
        defaultMessage: () => 'payload.$property must not be blank',
      },
    })(target, key);
  };
}

/**
 * The decisions: the parent body's on the expression of interest and the business case. Each may
 * carry `conditions` (free text) and one attached file (sent as multipart/form-data with the event;
 * the system adds `attachment` to the history row: a client cannot name one).
 */
export const DECISION_EVENTS = [
  'accept_expression_of_interest',
  'decline_expression_of_interest',
  'approve_business_case',
  'return_business_case',
  'reject_business_case',
] as const satisfies readonly JourneyEventType[];

/** An optional calendar date, YYYY-MM-DD (a real day: 2027-02-30 is refused). */
function OptionalDate(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    ValidateBy({
      name: 'isCalendarDate',
      validator: { validate: (v) => isValidCalendarDate(v), defaultMessage: () => 'payload.$property must be a date, YYYY-MM-DD' },
    })(target, key);
  };
}

const Governance = (): PropertyDecorator => OptionalText(MAX_GOVERNANCE_TEXT);
const RequiredGovernance = (): PropertyDecorator => IsRequiredText(MAX_GOVERNANCE_TEXT);

/** Events that take nothing. */
export class EmptyPayload {}

export class SubmitExpressionOfInterestPayload {
  @IsRequiredText() proposalSummary!: string;
}

export class AcceptExpressionOfInterestPayload {
  /** Comments passed to the mutual with the acceptance. */
  @OptionalText(MAX_EVENT_TEXT) reasons?: string;
  @Governance() governance?: string;
  @Conditions() conditions?: string;
}

export class DeclineExpressionOfInterestPayload {
  @IsRequiredText() reasons!: string | string[];
  @IsOptional()
  @IsIn(DECLINE_GROUNDS, { message: `payload.ground must be one of: ${DECLINE_GROUNDS.join(', ')}` })
  ground?: string;
  @Governance() governance?: string;
  @Conditions() conditions?: string;
}

export class AppealPayload {
  @IsRequiredText() grounds!: string | string[];
}

/** The system's record of an appeal decided (EscalationsService.resolve): the finding and its authority. */
export class AppealOutcomePayload {
  @IsUUID('all', { message: 'payload.escalationId must be a UUID' }) escalationId!: string;
  @IsRequiredText() resolution!: string;
  @Governance() governance?: string;
  /** The level that decided: 1 the department, 2 the arbiter. */
  @IsOptional() @IsIn([1, 2], { message: 'payload.level must be 1 or 2' }) level?: number;
  @Conditions() conditions?: string;
}

export class ApproveBusinessCasePayload {
  @Governance() governance?: string;
  @Conditions() conditions?: string;
}

export class ReturnBusinessCasePayload {
  @IsRequiredText() reasons!: string | string[];
  @Governance() governance?: string;
  @Conditions() conditions?: string;
}

export class RejectBusinessCasePayload {
  @IsRequiredText() reasons!: string | string[];
  @RequiredGovernance() governance!: string;
  @Conditions() conditions?: string;
}

export class RegisterLegalEntityPayload {
  /** A legal form key of the journey's template (checked against the template by the service). */
  @OptionalText(100) legalForm?: string;
  /** The entity's dates for its yearly cycle (checked further by the sustainability listener; also PUT /api/journeys/:id/entity). */
  @OptionalDate() incorporationDate?: string;
  @OptionalDate() accountingReferenceDate?: string;
}

export class ReasonPayload {
  @IsRequiredText() reason!: string;
}

type PayloadClass = new () => object;

/** The payload DTO of every event type. */
export const EVENT_PAYLOAD_DTOS: Record<JourneyEventType, PayloadClass> = {
  submit_expression_of_interest: SubmitExpressionOfInterestPayload,
  accept_expression_of_interest: AcceptExpressionOfInterestPayload,
  decline_expression_of_interest: DeclineExpressionOfInterestPayload,
  appeal: AppealPayload,
  uphold_appeal: AppealOutcomePayload,
  dismiss_appeal: AppealOutcomePayload,
  submit_business_case: EmptyPayload,
  approve_business_case: ApproveBusinessCasePayload,
  return_business_case: ReturnBusinessCasePayload,
  reject_business_case: RejectBusinessCasePayload,
  start_spin_out: EmptyPayload,
  register_legal_entity: RegisterLegalEntityPayload,
  confirm_transfer_readiness: EmptyPayload,
  complete_transfer: EmptyPayload,
  complete_first_year_review: EmptyPayload,
  put_on_hold: ReasonPayload,
  resume: EmptyPayload,
  withdraw: ReasonPayload,
};

const UNSAFE_KEYS = ['__proto__', 'constructor', 'prototype'];

function messagesOf(type: JourneyEventType, errors: ValidationError[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push(
        constraint === 'whitelistValidation'
          ? `property payload.${e.property} should not exist: it is not a field of ${type}`
          : message.replace('$property', e.property),
      );
    }
  }
  return out;
}

/**
 * Messages naming each bad payload field (`payload.<field> ...`); empty when the payload is
 * acceptable. Not an object, unknown keys, missing or empty required text, text over its bound,
 * a ground that is not a decline ground: each is a message.
 */
export function validateEventPayload(type: JourneyEventType, payload: unknown): string[] {
  if (payload !== undefined && payload !== null && (typeof payload !== 'object' || Array.isArray(payload)))
    return ['payload must be an object'];
  const Dto = EVENT_PAYLOAD_DTOS[type];
  // Own data properties only (no setters, no prototype): a `__proto__` key stays a plain key and is refused as unknown.
  const instance: Record<string, unknown> = Object.create(Dto.prototype);
  const unsafe: string[] = [];
  for (const [key, value] of Object.entries((payload ?? {}) as Record<string, unknown>)) {
    if (UNSAFE_KEYS.includes(key)) unsafe.push(`property payload.${key} should not exist: it is not a field of ${type}`);
    else Object.defineProperty(instance, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const options = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, stopAtFirstError: true };
  return [...unsafe, ...messagesOf(type, validateSync(instance, options))];
}
