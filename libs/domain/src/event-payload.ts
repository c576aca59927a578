/**
 * Payload validation for journey events: every field EVENT_DEFINITIONS marks as required must be
 * a non-empty string (or a non-empty array of non-empty strings); `ground` must be a DECLINE_GROUNDS value.
 */
import { isDeclineGround, DECLINE_GROUNDS } from './decline-grounds';
import { EVENT_DEFINITIONS, JourneyEventType } from './events';

function isFilled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => typeof v === 'string' && v.trim().length > 0);
  return false;
}

/** Messages naming each bad payload field (`payload.<field> ...`); empty when the payload is acceptable. */
export function validateEventPayload(type: JourneyEventType, payload: Record<string, unknown> | undefined): string[] {
  const errors: string[] = [];
  const body = payload ?? {};
  for (const field of EVENT_DEFINITIONS[type].requiredPayload) {
    if (!isFilled(body[field])) errors.push(`payload.${field} must be a non-empty string`);
  }
  if (type === 'decline_expression_of_interest' && body.ground !== undefined && !isDeclineGround(body.ground)) {
    errors.push(`payload.ground must be one of: ${DECLINE_GROUNDS.join(', ')}`);
  }
  return errors;
}
