/**
 * The bounded validators every DTO uses (one place: add new ones here). Each refusal is a 400
 * whose message starts with the field's name. The rules themselves live in the domain
 * (libs/domain/src/bounds/bounds.ts, libs/domain/src/calendar/duration.ts) so services can
 * check them again on paths that do not come through a DTO.
 *
 * - IsCalendarDate: a real YYYY-MM-DD between 1900 and 2100 (optionally a planned transfer date:
 *   today up to ten years ahead). A task deadline's "today or later" is the tasks service's
 *   (domain/tasks/hand-set-deadline.ts), since an edit that leaves it as stored passes.
 * - IsInstant: an ISO-8601 instant with a zone, in the same years.
 * - IsIsoDuration: a positive ISO-8601 duration of at most five years.
 * - IsPgInt: an integer inside a range that Postgres's `integer` can hold (default 0..2^31-1).
 * - toQueryInt: the Transform for integer query parameters (decimal digits only; `1e300`, `2^63`,
 *   `0x10` stay strings and fail IsPgInt naming the parameter).
 * - LimitParam / OffsetParam: a list's paging query parameters (OpenAPI, optional, toQueryInt, IsPgInt).
 * - IsSafeText: text free of control characters (tab, CR and LF allowed) and unpaired surrogates.
 *   Every JSON body, form body and query string is also checked by the request guard
 *   (libs/platform/src/http/request-guard.ts), so a DTO needs it only for text that arrives some
 *   other way.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, registerDecorator, ValidationOptions } from 'class-validator';
import { isValidCalendarDate, todayInLondon } from '@pathway/domain/calendar/london';
import { parseIsoDuration } from '@pathway/domain/calendar/duration';
import {
  EARLIEST_YEAR,
  isDateInServiceWindow,
  isPgInt,
  LATEST_YEAR,
  PG_INT_MAX,
  plannedTransferDateProblem,
  textProblem,
} from '@pathway/domain/bounds/bounds';

export { PG_INT_MAX } from '@pathway/domain/bounds/bounds';

type CalendarDateOptions = { plannedTransfer?: boolean };

/**
 * A real `YYYY-MM-DD` calendar date (2026-02-30 is not) between 1900 and 2100; optionally
 * (`plannedTransfer`) between today and ten years ahead.
 */
export function IsCalendarDate(options: CalendarDateOptions = {}, validationOptions?: ValidationOptions) {
  const problem = (value: unknown): string | null => {
    if (!isValidCalendarDate(value)) return 'must be a real date in the format YYYY-MM-DD';
    const today = todayInLondon(new Date());
    if (options.plannedTransfer) return plannedTransferDateProblem(value, today);
    if (!isDateInServiceWindow(value)) return `must be a date between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;
    return null;
  };
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => `${propertyName} ${problem(args?.value) ?? 'must be a real date in the format YYYY-MM-DD'}`,
      },
    });
}

/** An ISO-8601 instant with an explicit offset or Z (for example 2027-03-01T17:00:00Z), between 1900 and 2100. */
export function IsInstant(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return false;
          if (!isValidCalendarDate(value.slice(0, 10)) || !isDateInServiceWindow(value.slice(0, 10))) return false;
          return !Number.isNaN(Date.parse(value));
        },
        defaultMessage() {
          return `${propertyName} must be an ISO-8601 instant with a time zone between ${EARLIEST_YEAR} and ${LATEST_YEAR}, such as 2027-03-01T17:00:00Z`;
        },
      },
    });
}

/** A positive ISO-8601 duration such as P14D or PT30S, at most five years. */
export function IsIsoDuration(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          return parseIsoDuration(value).ok;
        },
        defaultMessage(args) {
          const parsed = parseIsoDuration(args?.value);
          const why = parsed.ok ? '' : ` (${parsed.error})`;
          return `${propertyName} must be a positive ISO-8601 duration of at most five years, such as P14D or PT30S${why}`;
        },
      },
    });
}

/** An integer in [min, max] that a Postgres `integer` column holds (max defaults to 2^31-1). */
export function IsPgInt(range: { min?: number; max?: number } = {}, validationOptions?: ValidationOptions) {
  const min = range.min ?? 0;
  const max = Math.min(range.max ?? PG_INT_MAX, PG_INT_MAX);
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPgInt',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => isPgInt(value, min, max),
        defaultMessage: () => `${propertyName} must be a whole number from ${min} to ${max}`,
      },
    });
}

/** Transform for integer query parameters: only plain decimal digits (at most 10) become numbers. */
export const toQueryInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;

/** A list's optional `limit` query parameter: a whole number from 1 to `max`; `byDefault` (the service's) is documented. */
export function LimitParam(max: number, byDefault: number) {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: byDefault }),
    IsOptional(),
    Transform(toQueryInt),
    // Property decorators of DTO classes: their names are strings.
    IsPgInt({ min: 1, max }) as PropertyDecorator,
  );
}

/** A list's optional `offset` query parameter: a whole number a Postgres `integer` holds (default 0). */
export function OffsetParam() {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: PG_INT_MAX, default: 0 }),
    IsOptional(),
    Transform(toQueryInt),
    IsPgInt() as PropertyDecorator,
  );
}

/** Text without control characters (tab, CR, LF allowed) or unpaired surrogates. */
export function IsSafeText(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isSafeText',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value) === null,
        defaultMessage: (args) => `${propertyName} ${textProblem(String(args?.value)) ?? 'must be plain text'}`,
      },
    });
}
