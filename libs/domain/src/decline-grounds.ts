/** Grounds on which a parent body may decline a Right to Provide expression of interest. */
import type { BodyType, Nation } from './vocabulary';

export const DECLINE_GROUNDS = [
  'already_being_procured',
  'negotiations_under_way',
  'intention_to_consider_staff_mutual_published',
  'service_already_committed',
  'not_viable',
  'insufficient_staff_support',
  'other',
] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

export const DECLINE_GROUND_LABELS: Record<DeclineGround, string> = {
  already_being_procured: 'The service is already being procured (Community Right to Challenge ground, by analogy)',
  negotiations_under_way:
    'Negotiations about the service are already under way with another provider (Community Right to Challenge ground, by analogy)',
  intention_to_consider_staff_mutual_published:
    'The authority has already published its intention to consider a staff-led mutual for this service ' +
    '(no longer offered: under the Community Right to Challenge this ground protects a staff mutual from a third party’s bid)',
  service_already_committed: 'The service is already being procured, or committed to another provider',
  not_viable: 'The proposal is not viable',
  insufficient_staff_support: 'There is not enough support from staff',
  other: 'Another reason (explain in the reasons)',
};

export function isDeclineGround(value: unknown): value is DeclineGround {
  return typeof value === 'string' && (DECLINE_GROUNDS as readonly string[]).includes(value);
}

/**
 * The Community Right to Challenge (Localism Act 2011, Part 5 Chapter 2) binds only "relevant
 * authorities" (s.81): councils and, by SI 2012/1647, fire and rescue authorities, in England.
 */
export const COMMUNITY_RIGHT_TO_CHALLENGE_BODY_TYPES: readonly BodyType[] = ['local_authority', 'fire_and_rescue'];

/** Grounds borrowed from the Community Right to Challenge rejection grounds (SI 2012/1647, Schedule). */
export const COMMUNITY_RIGHT_TO_CHALLENGE_GROUNDS: readonly DeclineGround[] = ['already_being_procured', 'negotiations_under_way'];

/**
 * Offered to nobody: under the 2012 regulations (Schedule, paragraph 8) this ground lets an
 * authority reject a *third party's* expression of interest because it has already published its
 * intention to consider a staff-led mutual. It protects a mutualisation under way; it is never a
 * reason to decline the staff's own request. Kept so decisions recorded with it still read.
 */
export const RETIRED_DECLINE_GROUNDS: readonly DeclineGround[] = ['intention_to_consider_staff_mutual_published'];

export const isCommunityRightToChallengeBody = (fit: { nation: Nation; bodyType: BodyType | null }): boolean =>
  fit.nation === 'england' && fit.bodyType !== null && COMMUNITY_RIGHT_TO_CHALLENGE_BODY_TYPES.includes(fit.bodyType);

/**
 * The grounds open to a journey's parent body: the borrowed Community Right to Challenge grounds
 * only for a council or fire and rescue authority in England (with their citation); for any other
 * body (an NHS trust, a body whose type is not stated) the same practical reason without it.
 */
export function declineGroundsOpenTo(fit: { nation: Nation; bodyType: BodyType | null }): DeclineGround[] {
  const crtc = isCommunityRightToChallengeBody(fit);
  return DECLINE_GROUNDS.filter((g) => {
    if (RETIRED_DECLINE_GROUNDS.includes(g)) return false;
    if (COMMUNITY_RIGHT_TO_CHALLENGE_GROUNDS.includes(g)) return crtc;
    if (g === 'service_already_committed') return !crtc;
    return true;
  });
}
