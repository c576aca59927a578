/**
 * What the trends count, per period: history rows of these types, by the London date they
 * happened. migrations/1765120000000-Support.ts indexes exactly these types (keep them equal).
 */
export const TREND_COUNTS = {
  journeysStarted: 'journey_created',
  expressionsSubmitted: 'submit_expression_of_interest',
  expressionsAccepted: 'accept_expression_of_interest',
  expressionsDeclined: 'decline_expression_of_interest',
  transfersCompleted: 'complete_transfer',
  withdrawn: 'withdraw',
} as const;
export type TrendCount = keyof typeof TREND_COUNTS;
export const TREND_COUNT_NAMES = Object.keys(TREND_COUNTS) as TrendCount[];
