import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { ConflictError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { JourneyEntity } from './entities/journey.entity';

/**
 * Loads a journey the caller may see (404 otherwise), in one statement whatever the caller (an
 * adviser's assigned support providers come with the row). With `lock`, takes a row lock so that
 * concurrent changes to one journey queue behind each other, and checks `expectedVersion` (409).
 */
export async function loadVisibleJourney(
  em: EntityManager,
  p: Principal,
  id: string,
  options: { lock?: boolean; expectedVersion?: number } = {},
): Promise<JourneyEntity> {
  const adviser = AccessPolicy.isAdviser(p);
  const qb = em.getRepository(JourneyEntity).createQueryBuilder('j').where('j.id = :id', { id });
  if (adviser) qb.addSelect(`to_json(ARRAY(SELECT a.organisation_id FROM journey_advisers a WHERE a.journey_id = j.id))`, 'adviser_ids');
  if (options.lock) {
    // Only a row the caller is a party to is locked, so an outsider never waits on (or learns of)
    // someone else's journey. This is a prefilter at least as wide as AccessPolicy (organisation
    // on any party column, or an adviser's assignment); the policy below still decides.
    if (!AccessPolicy.isCentral(p)) {
      qb.andWhere(
        `(:org IN (j.mutual_organisation_id, j.parent_body_id, j.commissioner_id, j.department_id, j.arbiter_id)
          OR EXISTS (SELECT 1 FROM journey_advisers a WHERE a.journey_id = j.id AND a.organisation_id = :org))`,
        { org: p.organisationId },
      );
    }
    qb.setLock('pessimistic_write');
  }
  const { entities, raw } = await qb.getRawAndEntities<{ adviser_ids?: string[] }>();
  const journey = entities.at(0);
  AccessPolicy.assertCanSeeJourney(
    p,
    journey && {
      mutualOrganisationId: journey.mutualOrganisationId,
      parentBodyId: journey.parentBodyId,
      commissionerId: journey.commissionerId,
      departmentId: journey.departmentId,
      arbiterId: journey.arbiterId,
      adviserOrganisationIds: adviser ? (raw.at(0)?.adviser_ids ?? []) : undefined,
    },
  );
  if (!journey) throw new NotFoundError('Journey');
  if (options.expectedVersion !== undefined && options.expectedVersion !== journey.version) {
    throw new ConflictError(
      `The journey has changed since version ${options.expectedVersion}: it is now at version ${journey.version}. Reload and try again.`,
    );
  }
  return journey;
}
