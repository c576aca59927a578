import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';

/** A page's id in its path: anything but a UUID is a page that does not exist (404 page, not a 400). */
@Injectable()
export class WebIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && isUUID(value)) return value;
    throw new NotFoundError('Page');
  }
}
