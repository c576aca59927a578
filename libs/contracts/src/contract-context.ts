import type { EntityManager } from 'typeorm';
import type { OtherContract } from '@pathway/domain/sustainability/contract-rules';
import { DEFAULT_NATION, NATIONS, type Nation } from '@pathway/domain/vocabulary';

/**
 * The nation of the contracting authority (its organisation's `nation`): the Procurement Act 2023
 * does not bind devolved Scottish authorities.
 */
export async function authorityNation(em: EntityManager, commissionerId: string): Promise<Nation> {
  const [row] = await em.query(`SELECT nation FROM organisations WHERE id = $1`, [commissionerId]);
  return (NATIONS as readonly string[]).includes(row?.nation) ? (row.nation as Nation) : DEFAULT_NATION;
}

/** The mutual organisation's other reserved contracts, on any of its journeys, awarded before or after, for the s.33(5) lock-out. */
export async function otherReservedContracts(
  em: EntityManager,
  mutualOrganisationId: string,
  exceptContractId: string | null,
): Promise<OtherContract[]> {
  const rows: Array<{
    id: string;
    title: string;
    route: OtherContract['route'];
    commissioner_id: string;
    service_area: OtherContract['serviceArea'];
    awarded_on: string;
  }> = await em.query(
    `SELECT c.id, c.title, c.route, c.commissioner_id, j.service_area, to_char(c.awarded_on, 'YYYY-MM-DD') AS awarded_on
         FROM contracts c JOIN journeys j ON j.id = c.journey_id
        WHERE j.mutual_organisation_id = $1 AND c.route = 'reserved_mutual' AND c.id IS DISTINCT FROM $2
        ORDER BY c.awarded_on DESC`,
    [mutualOrganisationId, exceptContractId],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    route: r.route,
    commissionerId: r.commissioner_id,
    serviceArea: r.service_area,
    awardedOn: r.awarded_on,
  }));
}
