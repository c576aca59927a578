import { BadRequestException, Param, ParseIntPipe, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { isPgInt, PG_INT_MAX } from '@pathway/domain/bounds/bounds';

/**
 * `@Param(name)` through Nest's ParseUUIDPipe, whose 400 names the parameter in the contract's
 * shape (`{ statusCode: 400, message: ['id must be a UUID (path parameter)'], error: 'Bad Request' }`).
 * ParseUUIDPipe's own message ("Validation failed (uuid is expected)") names no field, and its
 * `exceptionFactory` is not told which parameter failed, so the name is given here once.
 */
export function UuidParam(name: string): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name} must be a UUID (path parameter)`]) }));
}

/**
 * `@Param(name)` as a whole number Postgres's `integer` holds (from `min`), through Nest's
 * ParseIntPipe, with a 400 naming the parameter: ParseIntPipe's own names none, and it takes
 * 99999999999999999999, which Postgres would then refuse as out of range.
 */
export function PgIntParam(name: string, min = 0): ParameterDecorator {
  const refuse = () => new BadRequestException([`${name} must be a whole number from ${min} to ${PG_INT_MAX} (path parameter)`]);
  const bounded: PipeTransform<number, number> = {
    transform: (value) => {
      if (!isPgInt(value, min)) throw refuse();
      return value;
    },
  };
  return Param(name, new ParseIntPipe({ exceptionFactory: refuse }), bounded);
}
