import type { EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';

export interface HistoryEntry {
  journeyId: string;
  actorUserId: string | null;
  type: string;
  fromPhase?: string | null;
  fromState?: string | null;
  toPhase?: string | null;
  toState?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one row to a journey's history, inside the caller's transaction. */
export async function recordHistory(tx: EntityManager, e: HistoryEntry): Promise<void> {
  await tx.query(
    `INSERT INTO journey_history (journey_id, actor_user_id, type, from_phase, from_state, to_phase, to_state, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.journeyId,
      e.actorUserId,
      e.type,
      e.fromPhase ?? null,
      e.fromState ?? null,
      e.toPhase ?? null,
      e.toState ?? null,
      JSON.stringify(e.data ?? {}),
    ],
  );
}

/** Marks a journey as changed: bumps its version and its last activity (for "stalled" monitoring). */
export async function touchJourney(tx: EntityManager, journeyId: string): Promise<number> {
  const rows = queryRows<{ version: number }>(
    await tx.query(
      `UPDATE journeys SET version = version + 1, updated_at = now(), last_activity_at = now() WHERE id = $1 RETURNING version`,
      [journeyId],
    ),
  );
  return rows[0].version;
}
