import { JOURNEY_STATES, PHASES, REGIONS, SERVICE_AREAS, WITHDRAWN_STATE } from '@pathway/domain/vocabulary';

/** The states an active journey can be in: byState lists each of them (withdrawn journeys are not active). */
export const ACTIVE_JOURNEY_STATES = JOURNEY_STATES.filter((s) => s !== WITHDRAWN_STATE);

/**
 * Counts keyed by every value of an enum, zero where none, so charts and tables keep their shape.
 * Keys outside the enum (data written by an older version, say) are kept rather than dropped.
 */
export function tally(keys: readonly string[], counts: ReadonlyArray<{ key: string; n: number }>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const { key, n } of counts) out[key] = (out[key] ?? 0) + n;
  return out;
}

export const SUMMARY_DIMENSIONS = {
  byPhase: PHASES,
  byState: ACTIVE_JOURNEY_STATES,
  byServiceArea: SERVICE_AREAS,
  byRegion: REGIONS,
} as const;
