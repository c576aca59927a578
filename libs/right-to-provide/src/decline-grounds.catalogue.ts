import { DECLINE_GROUNDS, DECLINE_GROUND_LABELS, declineGroundsOpenTo, type DeclineGround } from '@pathway/domain/decline-grounds';
import type { BodyType, Nation } from '@pathway/domain/vocabulary';

/**
 * The grounds a parent body may give for declining a Right to Provide expression of interest,
 * explained for the people choosing one and for the staff reading the decision.
 *
 * Two of them are borrowed from the Community Right to Challenge (Localism Act 2011, Part 5 Chapter 2):
 * section 83 lets a relevant authority reject a third party's expression of interest only on grounds
 * set by regulations, and the Schedule to the Community Right to Challenge (Fire and Rescue
 * Authorities and Rejection of Expressions of Interest) (England) Regulations 2012 (SI 2012/1647)
 * lists them. They are offered, by analogy, only to councils and fire and rescue authorities in
 * England (the only bodies that Act binds); others get the same practical reason without the
 * citation. The Right to Provide itself has no statutory grounds. The "already published its
 * intention to consider a staff-led mutual" ground is offered to nobody (see RETIRED_DECLINE_GROUNDS).
 */
export interface DeclineGroundInfo {
  key: DeclineGround;
  label: string;
  explanation: string;
  /** Where the ground comes from. */
  source: string;
  /** True for the grounds taken from the Community Right to Challenge rejection grounds. */
  communityRightToChallenge: boolean;
  /** A link to the source (legislation.gov.uk), when there is one. */
  sourceUrl: string | null;
}

const CRTC_SOURCE = 'Localism Act 2011, section 83; SI 2012/1647 (Community Right to Challenge rejection grounds), Schedule';
const CRTC_URL = 'https://www.legislation.gov.uk/uksi/2012/1647/schedule/made';
const TASKFORCE_URL = 'https://www.gov.uk/government/publications/public-service-mutuals-the-next-steps';

const DETAILS: Record<DeclineGround, Omit<DeclineGroundInfo, 'key' | 'label'>> = {
  already_being_procured: {
    explanation:
      'The service is already the subject of a procurement exercise, so it cannot be handed to a staff-led mutual outside that competition. The staff may still bid in the procurement.',
    source: `${CRTC_SOURCE}, paragraph 6 (by analogy: there it answers a third party's bid)`,
    communityRightToChallenge: true,
    sourceUrl: CRTC_URL,
  },
  negotiations_under_way: {
    explanation:
      'The parent body and a third party have already entered into negotiations, at least in part in writing, for someone else to provide the service.',
    source: `${CRTC_SOURCE}, paragraph 7 (by analogy: there it answers a third party's bid)`,
    communityRightToChallenge: true,
    sourceUrl: CRTC_URL,
  },
  intention_to_consider_staff_mutual_published: {
    explanation:
      'No longer offered. Under the Community Right to Challenge this ground lets a council reject a third party’s bid because it has already published its intention to consider a staff-led mutual: it protects a mutualisation under way and is never a reason to decline the staff’s own request. Shown only so that older decisions still read.',
    source: `${CRTC_SOURCE}, paragraph 8`,
    communityRightToChallenge: true,
    sourceUrl: CRTC_URL,
  },
  service_already_committed: {
    explanation:
      'The service is already the subject of a procurement, or the parent body has already committed it to another provider (say which, and when). The staff may still bid in any procurement. This is a practical reason, not a statutory ground: the Community Right to Challenge does not bind this kind of body.',
    source: 'Pathway default (practical reason; the Right to Provide has no statutory grounds)',
    communityRightToChallenge: false,
    sourceUrl: null,
  },
  not_viable: {
    explanation:
      'On the information given, the proposed mutual could not run the service sustainably (for example its finances, scale or contract prospects do not add up). Say what would need to change.',
    source: 'Pathway default (Mutuals Taskforce, "Public service mutuals: the next steps", 2012: viability of the business case)',
    communityRightToChallenge: false,
    sourceUrl: TASKFORCE_URL,
  },
  insufficient_staff_support: {
    explanation:
      'The staff who would transfer do not support the proposal. A spin-out without staff buy-in fails: in Gloucestershire, according to a campaigner (Stroud Against the Cuts) quoted by Civil Society, 91% of staff said they preferred a standalone NHS trust, and the spin-out was stopped.',
    source:
      'Pathway default; Civil Society, "Analysis: The Public Sector Mutuals next steps report" (2012), quoting James Beecher of Stroud Against the Cuts',
    communityRightToChallenge: false,
    sourceUrl: null,
  },
  other: {
    explanation:
      'Any other reason. Explain it fully in the reasons: the staff can appeal a decline, and the appeal is decided on what you write.',
    source: 'Pathway default',
    communityRightToChallenge: false,
    sourceUrl: null,
  },
};

export const DECLINE_GROUND_CATALOGUE: readonly DeclineGroundInfo[] = DECLINE_GROUNDS.map((key) => ({
  key,
  label: DECLINE_GROUND_LABELS[key],
  ...DETAILS[key],
}));

/** The grounds open to a journey's parent body (see declineGroundsOpenTo), with their explanations. */
export function declineGroundCatalogueFor(fit: { nation: Nation; bodyType: BodyType | null }): DeclineGroundInfo[] {
  const open = new Set(declineGroundsOpenTo(fit));
  return DECLINE_GROUND_CATALOGUE.filter((g) => open.has(g.key));
}
