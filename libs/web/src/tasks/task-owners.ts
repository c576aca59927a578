import { OWNER_PARTIES } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';

/**
 * For whom this person may add a task of the journey's own: the journey's mutual lead for the
 * mutual, the central team for any party, nobody else (the same rule JourneyTasksService.create
 * enforces; this only decides what the form offers).
 */
export function ownerPartiesFor(p: Principal, journey: JourneyEntity): readonly string[] {
  if (AccessPolicy.isCentral(p)) return OWNER_PARTIES;
  return AccessPolicy.actsAs(p, journey, ['mutual_lead']) ? ['mutual'] : [];
}
