import { DECLINE_GROUNDS, DECLINE_GROUND_LABELS, type DeclineGround } from '../../domain/src/decline-grounds';

/**
 * The grounds a parent body may give for declining a Right to Provide expression of interest,
 * explained for the people choosing one and for the staff reading the decision.
 *
 * Three of them come from the Community Right to Challenge (Localism Act 2011, Part 5 Chapter 2):
 * section 83 lets a relevant authority reject an expression of interest only on grounds set by
 * regulations, and the Schedule to the Community Right to Challenge (Fire and Rescue Authorities
 * and Rejection of Expressions of Interest) (England) Regulations 2012 (SI 2012/1647, regulation 4)
 * lists them. The Right to Provide itself has no statutory grounds: this pathway borrows the ones
 * that matter to a staff-led mutual and adds the practical ones the Taskforce report names.
 */
export interface DeclineGroundInfo {
  key: DeclineGround;
  label: string;
  explanation: string;
  /** Where the ground comes from. */
  source: string;
  /** True for the grounds taken from the Community Right to Challenge rejection grounds. */
  communityRightToChallenge: boolean;
}

const CRTC_SOURCE = 'Localism Act 2011, section 83; SI 2012/1647 (Community Right to Challenge rejection grounds), Schedule';

const DETAILS: Record<DeclineGround, Omit<DeclineGroundInfo, 'key' | 'label'>> = {
  already_being_procured: {
    explanation:
      'The service is already the subject of a procurement exercise, so it cannot be handed to a staff-led mutual outside that competition. The staff may still bid in the procurement.',
    source: `${CRTC_SOURCE}, paragraph 6`,
    communityRightToChallenge: true,
  },
  negotiations_under_way: {
    explanation:
      'The parent body and a third party have already entered into negotiations, at least in part in writing, for someone else to provide the service.',
    source: `${CRTC_SOURCE}, paragraph 7`,
    communityRightToChallenge: true,
  },
  intention_to_consider_staff_mutual_published: {
    explanation:
      'The parent body has already published its intention to consider the service being provided by a body that two or more of its employees propose to set up: a staff-led mutual is already being considered through that route.',
    source: `${CRTC_SOURCE}, paragraph 8`,
    communityRightToChallenge: true,
  },
  not_viable: {
    explanation:
      'On the information given, the proposed mutual could not run the service sustainably (for example its finances, scale or contract prospects do not add up). Say what would need to change.',
    source: 'Pathway default (Mutuals Taskforce, "Public service mutuals: the next steps", 2012: viability of the business case)',
    communityRightToChallenge: false,
  },
  insufficient_staff_support: {
    explanation:
      'The staff who would transfer do not support the proposal. A spin-out without staff buy-in fails (in Gloucestershire 91% of staff preferred to stay in the NHS and the spin-out was blocked).',
    source: 'Pathway default (Mutuals Taskforce, "Public service mutuals: the next steps", 2012: staff engagement)',
    communityRightToChallenge: false,
  },
  other: {
    explanation: 'Any other reason. Explain it fully in the reasons: the staff can appeal a decline, and the appeal is decided on what you write.',
    source: 'Pathway default',
    communityRightToChallenge: false,
  },
};

export const DECLINE_GROUND_CATALOGUE: readonly DeclineGroundInfo[] = DECLINE_GROUNDS.map((key) => ({ key, label: DECLINE_GROUND_LABELS[key], ...DETAILS[key] }));
