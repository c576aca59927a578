import type { EntityManager } from 'typeorm';
import { entityColumns, entityFromRow } from '@pathway/database/entity-rows';
import { preparedQuery } from '@pathway/database/prepared';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { ConflictError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { JourneyEntity } from './entities/journey.entity';

/** The statement of each kind of load (adviser or not, locked or not, central or not), written once per process. */
const statements = new Map<string, string>();

function statementFor(em: EntityManager, adviser: boolean, partyFilter: boolean, lock: boolean): string {
  const key = `${adviser}|${partyFilter}|${lock}`;
  let text = statements.get(key);
  if (!text) {
    text = [
      `SELECT ${entityColumns(em, JourneyEntity, 'j')}`,
      adviser ? `, to_json(ARRAY(SELECT a.organisation_id FROM journey_advisers a WHERE a.journey_id = j.id)) AS adviser_ids` : '',
      ` FROM journeys j WHERE j.id = $1`,
      // Only a row the caller is a party to is locked, so an outsider never waits on (or learns of)
      // someone else's journey. This is a prefilter at least as wide as AccessPolicy (organisation
      // on any party column, or an adviser's assignment); the policy below still decides.
      partyFilter
        ? ` AND ($2 IN (j.mutual_organisation_id, j.parent_body_id, j.commissioner_id, j.department_id, j.arbiter_id)
              OR EXISTS (SELECT 1 FROM journey_advisers a WHERE a.journey_id = j.id AND a.organisation_id = $2))`
        : '',
      lock ? ' FOR UPDATE' : '',
    ].join('');
    statements.set(key, text);
  }
  return text;
}

/**
 * Loads a journey the caller may see (404 otherwise), in one statement whatever the caller (an
 * adviser's assigned support providers come with the row). With `lock`, takes a row lock so that
 * concurrent changes to one journey queue behind each other, and checks `expectedVersion` (409).
 * Every event, task change and journey read runs it: a named prepared statement (one per kind of
 * load), parsed and planned once per connection.
 */
export async function loadVisibleJourney(
  em: EntityManager,
  p: Principal,
  id: string,
  options: { lock?: boolean; expectedVersion?: number } = {},
): Promise<JourneyEntity> {
  const adviser = AccessPolicy.isAdviser(p);
  const lock = !!options.lock;
  const partyFilter = lock && !AccessPolicy.isCentral(p);
  const { rows } = await preparedQuery<Record<string, unknown> & { adviser_ids?: string[] }>(
    em,
    statementFor(em, adviser, partyFilter, lock),
    partyFilter ? [id, p.organisationId] : [id],
  );
  const row = rows.at(0);
  const journey = row && entityFromRow(em, JourneyEntity, row);
  AccessPolicy.assertCanSeeJourney(
    p,
    journey && {
      mutualOrganisationId: journey.mutualOrganisationId,
      parentBodyId: journey.parentBodyId,
      commissionerId: journey.commissionerId,
      departmentId: journey.departmentId,
      arbiterId: journey.arbiterId,
      adviserOrganisationIds: adviser ? (row.adviser_ids ?? []) : undefined,
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
