/**
 * Typed errors the services throw; `HttpErrorFilter` maps each to its status code in one place.
 * Messages are written for the person reading the response.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request names something impossible (beyond what DTO validation catches). */
export class BadRequestError extends DomainError {
  readonly status = 400;
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
}

/** 403: the caller can see the resource but may not do this to it. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** 404: absent, or invisible to this caller (existence is not leaked). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** 409: not allowed in the current state, a stale version, or a duplicate. */
export class ConflictError extends DomainError {
  readonly status = 409;
}

/** 422: a guard failed because checklist tasks are incomplete, or a condition of the event (`unmetConditions`, each with a `code`) is not met. */
export class GuardFailedError extends DomainError {
  readonly status = 422;
  constructor(
    message: string,
    readonly blockingTasks: unknown[],
    readonly unmetConditions: Array<{ code: string; message: string }> = [],
  ) {
    super(message, { blockingTasks, unmetConditions });
  }
}

/** 422: the request is well-formed but a rule (of law or of the register) forbids it; `code` names the rule, `field` the input. */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message, { code, ...(field ? { field } : {}) });
  }
}

/** 422: a duty rule forbids the change; `rules` names each rule broken ({ code, message }). */
export class DutyRuleError extends RuleViolationError {
  constructor(
    readonly rules: Array<{ code: string; message: string }>,
    field?: string,
  ) {
    super(rules.map((r) => r.message).join('; '), rules[0]?.code ?? 'duty_rule', field);
    Object.assign(this.details, { rules });
  }
}
