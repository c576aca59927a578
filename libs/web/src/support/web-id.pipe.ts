import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';

/**
 * A page's id in its path: anything but a UUID is a page that does not exist (the 404 page, not a
 * 400). Nest's ParseUUIDPipe with the web's answer, as the API's `UuidParam` is with the API's.
 */
export const WebIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Page') });
