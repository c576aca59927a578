import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/**
 * `@Param(name)` through Nest's ParseUUIDPipe, whose 400 names the parameter in the contract's
 * shape (`{ statusCode: 400, message: ['id must be a UUID (path parameter)'], error: 'Bad Request' }`).
 * ParseUUIDPipe's own message ("Validation failed (uuid is expected)") names no field, and its
 * `exceptionFactory` is not told which parameter failed, so the name is given here once.
 */
export function UuidParam(name: string): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name} must be a UUID (path parameter)`]) }));
}
