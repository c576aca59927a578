import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { databaseUnavailable } from '@pathway/database/db-errors';
import { BadRequestError, DomainError, GuardFailedError, RuleViolationError } from './domain-errors';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client is told to wait (Retry-After) when the database is briefly unavailable. */
export const RETRY_AFTER_SECONDS = 2;

export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  [extra: string]: unknown;
}

/** Turns any thrown value into NestJS's error shape; the only place statuses are chosen. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const body: ErrorBody = {
      statusCode: exception.status,
      message: exception instanceof BadRequestError ? exception.messages : exception.message,
      error: REASONS[exception.status] ?? 'Error',
    };
    if (exception instanceof GuardFailedError) {
      body.blockingTasks = exception.blockingTasks;
      body.unmetConditions = exception.unmetConditions;
    }
    if (exception instanceof RuleViolationError) Object.assign(body, exception.details);
    if (typeof exception.details.retryAfterSeconds === 'number') body.retryAfter = exception.details.retryAfterSeconds;
    return body;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body: ErrorBody =
      typeof response === 'object' && response !== null
        ? ({ error: REASONS[status] ?? 'Error', ...(response as object), statusCode: status } as ErrorBody)
        : { statusCode: status, message: String(response), error: REASONS[status] ?? 'Error' };
    // A 400 always lists its problems (the contract's shape), whoever raised it: Nest's pipes and
    // its body-parser mapping give a single string.
    if (status === 400 && typeof body.message === 'string') {
      body.message = [/\bJSON\b/.test(body.message) ? `the request body is not valid JSON: ${body.message}` : body.message];
    }
    return body;
  }
  // Errors raised by Express's body parser (malformed JSON, too large, bad charset) carry a 4xx status.
  const status = (exception as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const { type, limit } = exception as { type?: string; limit?: number };
    const message =
      type === 'entity.too.large' && typeof limit === 'number'
        ? `the request body is larger than the limit of ${Math.round(limit / 1024)} kB`
        : ((exception as Error).message ?? 'Bad request');
    return { statusCode: status, message: [message], error: REASONS[status] ?? 'Bad Request' };
  }
  // Postgres down, restarting, out of connections, or a lock/statement timeout: try again shortly.
  const unavailable = databaseUnavailable(exception);
  if (unavailable) {
    return {
      statusCode: 503,
      message: `Service temporarily unavailable: ${unavailable}. Try again shortly.`,
      error: 'Service Unavailable',
      retryAfter: RETRY_AFTER_SECONDS,
    };
  }
  // Postgres rejections that can only come from client input which slipped past validation.
  if (exception instanceof QueryFailedError) {
    const code = (exception as QueryFailedError & { code?: string }).code;
    if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') {
      return { statusCode: 400, message: ['a value in the request is not valid'], error: 'Bad Request' };
    }
    // Text Postgres cannot store: a NUL character (22021, 22P05), or longer than its column (22001).
    if (code === '22021' || code === '22P05') {
      return {
        statusCode: 400,
        message: ['a text value in the request contains a character that cannot be stored (such as NUL)'],
        error: 'Bad Request',
      };
    }
    if (code === '22001') {
      return { statusCode: 400, message: ['a text value in the request is too long'], error: 'Bad Request' };
    }
    if (code === '23505') {
      return { statusCode: 409, message: 'a record with these details already exists', error: 'Conflict' };
    }
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error', error: 'Internal Server Error' };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const body = toErrorBody(exception);
    if (body.statusCode === 503) {
      this.logger.warn({ err: (exception as Error)?.message, path: req.path }, 'database unavailable: answered 503');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: req.path }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (typeof body.retryAfter === 'number') res.setHeader('Retry-After', String(body.retryAfter));
    // Web pages render their own error page; the API always answers JSON.
    const render = (res.locals as { renderError?: (status: number, body: ErrorBody) => boolean }).renderError;
    if (render && render(body.statusCode, body)) return;
    res.status(body.statusCode).json(body);
  }
}
