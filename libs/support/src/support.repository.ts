import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PipelineFilters } from '@pathway/pipeline/dto/pipeline-query.dto';
import { journeyConditions, type PipelineScope } from '@pathway/pipeline/pipeline-scope';
import { SqlParams } from '@pathway/database/journey-sql';
import type { SupportAwardKind } from '@pathway/domain/vocabulary';

export interface AdviserRow {
  organisation_id: string;
  organisation_name: string;
  assigned_at: Date;
  assigned_by_user_id: string | null;
}

export interface AwardRow {
  id: string;
  journey_id: string;
  provider_organisation_id: string;
  provider_organisation_name: string;
  kind: SupportAwardKind;
  amount_gbp: string;
  matched_funding_gbp: string;
  awarded_on: string;
  ends_on: string | null;
  purpose: string;
  recorded_by_user_id: string | null;
  recorded_at: Date;
}

export interface NewAward {
  journeyId: string;
  providerOrganisationId: string;
  kind: SupportAwardKind;
  amountGbp: number;
  matchedFundingGbp: number;
  awardedOn: string;
  endsOn: string | null;
  purpose: string;
  recordedByUserId: string;
}

/** One group of the pipeline's support totals. */
export interface TotalsRow {
  dim: 'all' | 'phase' | 'serviceArea' | 'provider' | 'kind';
  key: string | null;
  name: string | null;
  awards: number;
  journeys: number;
  amount: string;
  matched: string;
}

/** An adviser's comment, or a change of a journey's advisers, from the history. */
export interface AdviserActivityRow {
  at: Date;
  type: 'task_comment_added' | 'advisers_changed';
  journey_id: string;
  journey_name: string;
  actor_name: string | null;
  actor_organisation_name: string | null;
  data: Record<string, unknown>;
}

/** An award with its journey, for the CSV export. */
export interface AwardExportRow extends AwardRow {
  journey_name: string;
  mutual_organisation_name: string;
  phase: string;
  state: string;
  service_area: string;
  region: string;
}

const AWARD_COLUMNS = `a.id, a.journey_id, a.provider_organisation_id, p.name AS provider_organisation_name, a.kind, a.amount_gbp, a.matched_funding_gbp,
  to_char(a.awarded_on, 'YYYY-MM-DD') AS awarded_on, to_char(a.ends_on, 'YYYY-MM-DD') AS ends_on, a.purpose, a.recorded_by_user_id, a.recorded_at`;

/** Postgres for the support programme: adviser assignments and support awards. */
@Injectable()
export class SupportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  get manager(): EntityManager {
    return this.db.manager;
  }

  async organisations(em: EntityManager, ids: string[]): Promise<Map<string, { name: string; kind: string }>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; name: string; kind: string }> = await em.query(
      `SELECT id, name, kind FROM organisations WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
  }

  advisers(em: EntityManager, journeyId: string): Promise<AdviserRow[]> {
    return em.query(
      `SELECT a.organisation_id, o.name AS organisation_name, a.assigned_at, a.assigned_by_user_id
         FROM journey_advisers a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.journey_id = $1 ORDER BY o.name, a.organisation_id`,
      [journeyId],
    );
  }

  async addAdvisers(tx: EntityManager, journeyId: string, organisationIds: string[], userId: string): Promise<void> {
    if (!organisationIds.length) return;
    await tx.query(
      `INSERT INTO journey_advisers (journey_id, organisation_id, assigned_by_user_id) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [journeyId, organisationIds, userId],
    );
  }

  async removeAdvisers(tx: EntityManager, journeyId: string, organisationIds: string[]): Promise<void> {
    if (!organisationIds.length) return;
    await tx.query(`DELETE FROM journey_advisers WHERE journey_id = $1 AND organisation_id = ANY($2::uuid[])`, [
      journeyId,
      organisationIds,
    ]);
  }

  async insertAward(tx: EntityManager, a: NewAward): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO support_awards (journey_id, provider_organisation_id, kind, amount_gbp, matched_funding_gbp, awarded_on, ends_on, purpose, recorded_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        a.journeyId,
        a.providerOrganisationId,
        a.kind,
        a.amountGbp,
        a.matchedFundingGbp,
        a.awardedOn,
        a.endsOn,
        a.purpose,
        a.recordedByUserId,
      ],
    );
    return row.id;
  }

  awards(em: EntityManager, journeyId: string): Promise<AwardRow[]> {
    return em.query(
      `SELECT ${AWARD_COLUMNS} FROM support_awards a JOIN organisations p ON p.id = a.provider_organisation_id
        WHERE a.journey_id = $1 ORDER BY a.awarded_on, a.recorded_at, a.id`,
      [journeyId],
    );
  }

  async award(em: EntityManager, id: string): Promise<AwardRow | undefined> {
    const rows: AwardRow[] = await em.query(
      `SELECT ${AWARD_COLUMNS} FROM support_awards a JOIN organisations p ON p.id = a.provider_organisation_id WHERE a.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Awards on the journeys in scope, grouped by the journey's current phase, its service area, the provider and the kind, and in all: one scan. */
  totals(scope: PipelineScope, filters: PipelineFilters): Promise<TotalsRow[]> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: false });
    return this.db.query(
      `SELECT CASE WHEN GROUPING(j.phase) = 0 THEN 'phase' WHEN GROUPING(j.service_area) = 0 THEN 'serviceArea'
                   WHEN GROUPING(a.provider_organisation_id) = 0 THEN 'provider' WHEN GROUPING(a.kind) = 0 THEN 'kind' ELSE 'all' END AS dim,
              coalesce(j.phase, j.service_area, a.provider_organisation_id::text, a.kind) AS key,
              CASE WHEN GROUPING(a.provider_organisation_id) = 0 THEN min(o.name) END AS name,
              count(*)::int AS awards, count(DISTINCT a.journey_id)::int AS journeys,
              sum(a.amount_gbp)::text AS amount, sum(a.matched_funding_gbp)::text AS matched
         FROM support_awards a JOIN journeys j ON j.id = a.journey_id JOIN organisations o ON o.id = a.provider_organisation_id
        WHERE ${where}
        GROUP BY GROUPING SETS ((j.phase), (j.service_area), (a.provider_organisation_id), (a.kind), ())`,
      p.values,
    );
  }

  /** Every award on the journeys in scope with its journey, newest award first. */
  exportRows(scope: PipelineScope, filters: PipelineFilters): Promise<AwardExportRow[]> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: false });
    return this.db.query(
      `SELECT ${AWARD_COLUMNS}, j.name AS journey_name, m.name AS mutual_organisation_name, j.phase, j.state, j.service_area, j.region
         FROM support_awards a JOIN journeys j ON j.id = a.journey_id
         JOIN organisations p ON p.id = a.provider_organisation_id JOIN organisations m ON m.id = j.mutual_organisation_id
        WHERE ${where}
        ORDER BY a.awarded_on DESC, j.name, a.id`,
      p.values,
    );
  }

  /**
   * The newest history rows about advisers on the journeys in scope: comments written by users
   * with the adviser role, and every change of a journey's advisers (by the central team).
   */
  adviserActivity(scope: PipelineScope, limit: number): Promise<AdviserActivityRow[]> {
    const p = new SqlParams();
    const where = journeyConditions(scope, {}, p, { activeOnly: false });
    return this.db.query(
      `SELECT h.at, h.type, h.journey_id, j.name AS journey_name, u.name AS actor_name, o.name AS actor_organisation_name, h.data
         FROM journey_history h
         JOIN journeys j ON j.id = h.journey_id
         LEFT JOIN users u ON u.id = h.actor_user_id
         LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE (h.type = 'advisers_changed' OR (h.type = 'task_comment_added' AND u.role = 'adviser')) AND ${where}
        ORDER BY h.at DESC, h.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }
}
