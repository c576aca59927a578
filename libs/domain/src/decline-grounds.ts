/** Grounds on which a parent body may decline a Right to Provide expression of interest. */
export const DECLINE_GROUNDS = [
  'already_being_procured',
  'negotiations_under_way',
  'intention_to_consider_staff_mutual_published',
  'not_viable',
  'insufficient_staff_support',
  'other',
] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

export const DECLINE_GROUND_LABELS: Record<DeclineGround, string> = {
  already_being_procured: 'The service is already being procured',
  negotiations_under_way: 'Negotiations about the service are already under way with another provider',
  intention_to_consider_staff_mutual_published:
    'The authority has already published its intention to consider a staff-led mutual for this service ' +
    '(Community Right to Challenge, Localism Act 2011)',
  not_viable: 'The proposal is not viable',
  insufficient_staff_support: 'There is not enough support from staff',
  other: 'Another reason (explain in the reasons)',
};

export function isDeclineGround(value: unknown): value is DeclineGround {
  return typeof value === 'string' && (DECLINE_GROUNDS as readonly string[]).includes(value);
}
