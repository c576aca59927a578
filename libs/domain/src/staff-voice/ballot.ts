/**
 * Staff ballots as structured evidence (CONTRACT "Staff voice"). Staff support is the gate of a
 * spin-out: in Gloucestershire 91% of staff wanted to stay in the NHS and the spin-out failed
 * (DOMAIN.md). A ballot's figures and whether it meets the pathway template's threshold are
 * decided here, once, for every path (API, web form, pages, CSV). Pure.
 */
import { isPgInt } from '../bounds/bounds';
import type { PathwayTemplate, StaffSupportThreshold } from '../template/types';

export const BALLOT_METHODS = ['secret_postal', 'secret_online', 'secret_in_person', 'show_of_hands'] as const;
export type BallotMethod = (typeof BALLOT_METHODS)[number];

/** Only a secret ballot can show support: a show of hands is open to pressure, so it never meets the threshold. */
export const SECRET_BALLOT_METHODS: readonly BallotMethod[] = ['secret_postal', 'secret_online', 'secret_in_person'];

/** Shipped before version 3 set it: a majority of eligible staff vote, and a majority of those voting for or against support. */
export const DEFAULT_STAFF_SUPPORT_THRESHOLD: StaffSupportThreshold = { minTurnout: 0.5, minSupportShare: 0.5 };

/** The journey's threshold: its template's, or the default for versions that did not set one. */
export function staffSupportThreshold(template: Pick<PathwayTemplate, 'staffSupportThreshold'>): StaffSupportThreshold {
  return template.staffSupportThreshold ?? DEFAULT_STAFF_SUPPORT_THRESHOLD;
}

export interface BallotCounts {
  eligible: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

export interface BallotFigures {
  /** (for + against + abstentions) / eligible, 0..1. */
  turnout: number;
  /** for / (for + against), 0..1; 0 when nobody voted for or against. */
  supportShare: number;
  meetsThreshold: boolean;
}

/** Why the counts cannot be a ballot's, each message naming its field; empty when they add up. */
export function ballotCountProblems(c: Partial<Record<keyof BallotCounts, unknown>>): string[] {
  const problems: string[] = [];
  const fields: Array<[keyof BallotCounts, number]> = [
    ['eligible', 1],
    ['votesFor', 0],
    ['votesAgainst', 0],
    ['abstentions', 0],
  ];
  for (const [field, min] of fields) {
    if (!isPgInt(c[field], min)) problems.push(`${field} must be a whole number from ${min} to 2147483647`);
  }
  if (problems.length) return problems;
  const n = c as BallotCounts;
  if (n.votesFor + n.votesAgainst + n.abstentions > n.eligible) {
    problems.push(
      `eligible must be at least votesFor + votesAgainst + abstentions (${n.votesFor + n.votesAgainst + n.abstentions}): more votes than eligible staff`,
    );
  }
  return problems;
}

/**
 * A threshold share as an exact fraction: at most four decimal places (0.5 is 5000/10000), so
 * comparisons are in whole numbers and never suffer float edge errors (0.1 + 0.2).
 */
const SCALE = 10_000n;
function scaled(share: number): bigint {
  return BigInt(Math.round(share * Number(SCALE)));
}
/** Whether a threshold share is usable: a number in 0..1 with at most four decimal places. */
export function isThresholdShare(share: unknown): share is number {
  return typeof share === 'number' && share >= 0 && share <= 1 && Math.abs(share * 10_000 - Math.round(share * 10_000)) < 1e-6;
}

/** numerator / denominator >= share, exactly. */
function atLeast(numerator: number, denominator: number, share: number): boolean {
  return BigInt(numerator) * SCALE >= scaled(share) * BigInt(denominator);
}

/** Turnout, support and whether the ballot meets the threshold (counts must have passed ballotCountProblems). */
export function ballotFigures(counts: BallotCounts, method: BallotMethod, threshold: StaffSupportThreshold): BallotFigures {
  const cast = counts.votesFor + counts.votesAgainst + counts.abstentions;
  const decided = counts.votesFor + counts.votesAgainst;
  const meetsThreshold =
    SECRET_BALLOT_METHODS.includes(method) &&
    decided > 0 &&
    atLeast(cast, counts.eligible, threshold.minTurnout) &&
    atLeast(counts.votesFor, decided, threshold.minSupportShare);
  return {
    turnout: cast / counts.eligible,
    supportShare: decided === 0 ? 0 : counts.votesFor / decided,
    meetsThreshold,
  };
}

/** A condition an event needs that is not a task (beside blockingTasks in a 422). */
export interface UnmetCondition {
  code: 'staff_support';
  message: string;
}

/** The events the staff-support condition guards. */
export const STAFF_SUPPORT_GATED_EVENTS: readonly string[] = ['submit_business_case'];

/**
 * The staff-support condition of submitting the business case: the latest recorded ballot meets
 * the threshold, or the central team has waived it with a reason. Null when it holds.
 */
export function staffSupportCondition(
  eventType: string,
  facts: { latestBallot: { meetsThreshold: boolean; heldOn: string } | null; waived: boolean },
  threshold: StaffSupportThreshold,
): UnmetCondition | null {
  if (!STAFF_SUPPORT_GATED_EVENTS.includes(eventType) || facts.waived) return null;
  if (facts.latestBallot?.meetsThreshold) return null;
  const need = `a secret ballot with a turnout of at least ${pct(threshold.minTurnout)} and at least ${pct(threshold.minSupportShare)} of votes cast for or against in support`;
  const message = facts.latestBallot
    ? `The latest staff ballot (held on ${facts.latestBallot.heldOn}) does not meet the staff support threshold: record ${need}, or ask the central team to waive it with a reason`
    : `No staff ballot has been recorded: record ${need}, or ask the central team to waive it with a reason`;
  return { code: 'staff_support', message };
}

/** 0.5 → "50%", 0.667 → "66.7%". */
export function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Why a ballot's or survey's date is not acceptable on `today` (London): it must have happened. */
export function heldOnProblem(heldOn: string, today: string): string | null {
  return heldOn > today ? `heldOn must not be in the future (today is ${today})` : null;
}
