import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidCalendarDate, todayInLondon } from '../../../domain/src/calendar/london';
import { parseIsoDuration } from '../../../domain/src/calendar/duration';

/** A real `YYYY-MM-DD` calendar date (2026-02-30 is not); optionally not before today in London. */
export function IsCalendarDate(options: { notInPast?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate(value: unknown) {
          if (!isValidCalendarDate(value)) return false;
          return !options.notInPast || value >= todayInLondon(new Date());
        },
        defaultMessage() {
          return options.notInPast
            ? `${propertyName} must be a real date in the format YYYY-MM-DD, today or later`
            : `${propertyName} must be a real date in the format YYYY-MM-DD`;
        },
      },
    });
}

/** An ISO-8601 instant with an explicit offset or Z (for example 2027-03-01T17:00:00Z). */
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
          if (!isValidCalendarDate(value.slice(0, 10))) return false;
          return !Number.isNaN(Date.parse(value));
        },
        defaultMessage() {
          return `${propertyName} must be an ISO-8601 instant with a time zone, such as 2027-03-01T17:00:00Z`;
        },
      },
    });
}

/** A positive ISO-8601 duration such as P14D or PT30S. */
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
        defaultMessage() {
          return `${propertyName} must be a positive ISO-8601 duration such as P14D or PT30S`;
        },
      },
    });
}
