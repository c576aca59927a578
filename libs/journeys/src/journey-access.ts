import type { EntityManager } from 'typeorm';
import { AccessPolicy, type JourneyParties } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { ConflictError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { JourneyEntity } from './entities/journey.entity';

/**
 * Loads a journey the caller may see (404 otherwise). With `lock`, takes a row lock so that
 * concurrent changes to one journey queue behind each other, and checks `expectedVersion` (409).
 */
export async function loadVisibleJourney(
  em: EntityManager,
  p: Principal,
  id: string,
  options: { lock?: boolean; expectedVersion?: number } = {},
): Promise<JourneyEntity> {
  const repo = em.getRepository(JourneyEntity);
  // Check visibility before locking, so an outsider never waits on (or learns of) someone else's journey.
  const peek = await repo.findOneBy({ id });
  AccessPolicy.assertCanSeeJourney(p, peek && (await withAdvisers(em, p, peek)));
  const journey = options.lock ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : peek;
  if (!journey) throw new NotFoundError('Journey');
  if (options.expectedVersion !== undefined && options.expectedVersion !== journey.version) {
    throw new ConflictError(
      `The journey has changed since version ${options.expectedVersion}: it is now at version ${journey.version}. Reload and try again.`,
    );
  }
  return journey;
}

/** The journey's parties with its assigned support providers, when the caller is an adviser (nobody else needs them to decide). */
export async function withAdvisers<T extends JourneyParties & { id: string }>(em: EntityManager, p: Principal, journey: T): Promise<T> {
  if (!AccessPolicy.isAdviser(p)) return journey;
  const rows: Array<{ organisation_id: string }> = await em.query(`SELECT organisation_id FROM journey_advisers WHERE journey_id = $1`, [
    journey.id,
  ]);
  return { ...journey, adviserOrganisationIds: rows.map((r) => r.organisation_id) };
}
