import { ArgumentMetadata, BadRequestException, Injectable, Optional, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * Like Nest's ParseUUIDPipe, but the 400 names the parameter (`id must be a UUID`) in NestJS's
 * validation shape (`message` is an array), as for body fields.
 * Use as `@Param('id', UuidPipe) id: string` or `@Query('x', new UuidPipe({ optional: true }))`.
 */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string | undefined> {
  constructor(@Optional() private readonly options: { optional?: boolean } = {}) {}

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if ((value === undefined || value === '') && this.options?.optional) return undefined;
    if (typeof value === 'string' && isUUID(value)) return value;
    const where = metadata.type === 'query' ? 'query parameter' : 'path parameter';
    throw new BadRequestException([`${metadata.data ?? 'value'} must be a UUID (${where})`]);
  }
}
