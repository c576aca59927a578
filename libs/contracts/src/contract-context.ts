import type { EntityManager } from 'typeorm';
import type { EarlierContract, Nation } from '../../domain/src/sustainability/contract-rules';
import { NATIONS } from '../../domain/src/sustainability/contract-rules';
import type { Region } from '../../domain/src/vocabulary';

const NATION_OF_REGION: Partial<Record<Region, Nation>> = { scotland: 'scotland', wales: 'wales', northern_ireland: 'northern_ireland' };

/**
 * The nation of the contracting authority. An organisation's own `nation` decides when it has one
 * (read through to_jsonb so this works before and after organisations gain that column); otherwise
 * the journey's region stands in for it.
 */
export async function authorityNation(em: EntityManager, commissionerId: string, journeyRegion: Region): Promise<Nation> {
  const [row] = await em.query(`SELECT to_jsonb(o) ->> 'nation' AS nation FROM organisations o WHERE o.id = $1`, [commissionerId]);
  const own = row?.nation as string | null | undefined;
  if (own && (NATIONS as readonly string[]).includes(own)) return own as Nation;
  return NATION_OF_REGION[journeyRegion] ?? 'england';
}

/** The mutual organisation's other contracts, on any of its journeys, for the s.33(5) lock-out. */
export async function earlierContracts(em: EntityManager, mutualOrganisationId: string, exceptContractId: string | null): Promise<EarlierContract[]> {
  const rows: Array<{ id: string; title: string; route: EarlierContract['route']; commissioner_id: string; service_area: EarlierContract['serviceArea']; awarded_on: string }> =
    await em.query(
      `SELECT c.id, c.title, c.route, c.commissioner_id, j.service_area, to_char(c.awarded_on, 'YYYY-MM-DD') AS awarded_on
         FROM contracts c JOIN journeys j ON j.id = c.journey_id
        WHERE j.mutual_organisation_id = $1 AND c.route = 'reserved_mutual' AND c.id IS DISTINCT FROM $2
        ORDER BY c.awarded_on DESC`,
      [mutualOrganisationId, exceptContractId],
    );
  return rows.map((r) => ({ id: r.id, title: r.title, route: r.route, commissionerId: r.commissioner_id, serviceArea: r.service_area, awardedOn: r.awarded_on }));
}
