import type { EntityManager } from 'typeorm';
import { appealStartingLevel, appealSubjectOf } from '@pathway/domain/appeals';
import type { JourneyParties } from '@pathway/identity/access-policy';
import { startingLevel } from './escalation-chain';

/**
 * The level a new appeal on this journey starts at: the chain's usual start (the department, or
 * the arbiter when the department is the parent body), raised to the arbiter when an appeal about
 * the same decision was upheld before (appealStartingLevel: the decision now appealed is a
 * reconsidered one). `state` is the journey's state while (or just before) the appeal is heard.
 */
export async function appealLevelFor(tx: EntityManager, j: JourneyParties & { id: string }, state: string): Promise<number> {
  const base = startingLevel({ conflictOfInterest: false, trigger: 'appeal' }, j);
  const subject = appealSubjectOf(state);
  if (!subject) return base;
  const [{ upheld }] = await tx.query(
    `SELECT count(*)::int AS upheld FROM journey_history WHERE journey_id = $1 AND type = 'uphold_appeal' AND from_state = $2`,
    [j.id, subject.underAppeal],
  );
  return Math.max(base, appealStartingLevel(upheld as number));
}
