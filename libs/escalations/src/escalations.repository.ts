import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppealOutcome, EscalationTrigger } from '@pathway/domain/vocabulary';
import type { ReminderPolicy } from '@pathway/domain/calendar/reminder-schedule';
import { queryRows } from '@pathway/database/query-rows';
import type { Principal } from '@pathway/identity/principal';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { DecisionAttachmentRef } from '@pathway/journeys/decision-files';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { EscalationEntity } from './escalation.entity';

/** What opening an escalation writes; the database keeps at most one open per (journey, task, trigger[, confidential raiser]). */
export interface EscalationToOpen {
  journeyId: string;
  taskId: string | null;
  trigger: EscalationTrigger;
  level: number;
  assignedOrganisationId: string;
  reason: string;
  conflictOfInterest: boolean;
  openedByUserId: string | null;
  confidential: boolean;
}

/** A task a concern is about: its title and the organisation that owes it. */
export interface ConcernTask {
  id: string;
  title: string;
  ownerOrganisationId: string | null;
}

/**
 * The SQL of escalations (EscalationsService decides; this reads and writes). Methods taking an
 * EntityManager run inside the caller's transaction, after it has locked the journey.
 */
@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Opens one, or finds the one already open for the same journey, task, trigger (and confidential raiser). */
  async open(tx: EntityManager, row: EscalationToOpen): Promise<{ escalation: EscalationEntity; created: boolean }> {
    const inserted = queryRows<{ id: string }>(
      await tx.query(
        `INSERT INTO escalations (journey_id, task_id, trigger, level, assigned_organisation_id, status, reason, conflict_of_interest, opened_by_user_id, confidential)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9)
         ON CONFLICT (journey_id, COALESCE(task_id, '00000000-0000-0000-0000-000000000000'::uuid), trigger,
                      COALESCE(CASE WHEN confidential THEN opened_by_user_id END, '00000000-0000-0000-0000-000000000000'::uuid))
           WHERE status = 'open' DO NOTHING
         RETURNING id`,
        [
          row.journeyId,
          row.taskId,
          row.trigger,
          row.level,
          row.assignedOrganisationId,
          row.reason,
          row.conflictOfInterest,
          row.openedByUserId,
          row.confidential,
        ],
      ),
    );
    const repo = tx.getRepository(EscalationEntity);
    if (inserted.length) return { escalation: await repo.findOneByOrFail({ id: inserted[0].id }), created: true };
    const existing = await repo
      .createQueryBuilder('e')
      .where(`e.journey_id = :j AND e.trigger = :t AND e.status = 'open' AND e.confidential = :c`, {
        j: row.journeyId,
        t: row.trigger,
        c: row.confidential,
      })
      .andWhere(row.taskId ? 'e.task_id = :task' : 'e.task_id IS NULL', { task: row.taskId })
      .andWhere(row.confidential ? 'e.opened_by_user_id = :opener' : 'TRUE', { opener: row.openedByUserId })
      .getOneOrFail();
    return { escalation: existing, created: false };
  }

  /** A task of this journey (undefined when the id names none of its tasks). */
  async taskOfJourney(tx: EntityManager, journeyId: string, taskId: string): Promise<ConcernTask | undefined> {
    const [row] = queryRows<ConcernTask | undefined>(
      await tx.query(
        `SELECT id, title, owner_organisation_id AS "ownerOrganisationId" FROM journey_tasks WHERE id = $1 AND journey_id = $2`,
        [taskId, journeyId],
      ),
    );
    return row;
  }

  /** Something happened on the journey (the pipeline's "last activity"). */
  async touchJourney(tx: EntityManager, journeyId: string): Promise<void> {
    await tx.query(`UPDATE journeys SET last_activity_at = now() WHERE id = $1`, [journeyId]);
  }

  async find(id: string, tx: EntityManager = this.db.manager): Promise<EscalationEntity | null> {
    return tx.getRepository(EscalationEntity).findOneBy({ id });
  }

  /** The escalation, locked (the caller has locked its journey first: the order every journey change uses). */
  async lock(tx: EntityManager, id: string): Promise<EscalationEntity> {
    return tx.getRepository(EscalationEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async journey(id: string, tx: EntityManager = this.db.manager): Promise<JourneyEntity | null> {
    return tx.getRepository(JourneyEntity).findOneBy({ id });
  }

  /** The escalations a person may see: the central team all; others those of their journeys or assigned to them. */
  async list(p: Principal, filter: { status?: string; journeyId?: string; assignedToMe?: boolean }): Promise<EscalationEntity[]> {
    const qb = this.db.getRepository(EscalationEntity).createQueryBuilder('e').innerJoin(JourneyEntity, 'j', 'j.id = e.journey_id');
    if (!AccessPolicy.isCentral(p)) {
      qb.where(
        `(j.mutual_organisation_id = :org OR j.parent_body_id = :org OR j.commissioner_id = :org OR j.department_id = :org OR j.arbiter_id = :org OR e.assigned_organisation_id = :org)`,
        { org: p.organisationId },
      );
    }
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.journeyId) qb.andWhere('e.journey_id = :journeyId', { journeyId: filter.journeyId });
    if (filter.assignedToMe) qb.andWhere('e.assigned_organisation_id = :mine', { mine: p.organisationId });
    return qb.orderBy('e.opened_at', 'ASC').addOrderBy('e.id', 'ASC').getMany();
  }

  /** Each journey's reminder policy (the decide-by instant of its open escalations follows it). */
  async reminderPolicies(journeyIds: string[]): Promise<Map<string, ReminderPolicy>> {
    if (!journeyIds.length) return new Map();
    const rows = queryRows<{ id: string; policy: ReminderPolicy }>(
      await this.db.query(`SELECT id, reminder_policy AS policy FROM journeys WHERE id = ANY($1)`, [journeyIds]),
    );
    return new Map(rows.map((r) => [r.id, r.policy]));
  }

  /** The file each resolution carries (decision_attachments), by escalation. */
  async resolutionFiles(escalationIds: string[]): Promise<Map<string, DecisionAttachmentRef>> {
    if (!escalationIds.length) return new Map();
    const rows = queryRows<DecisionAttachmentRef & { escalationId: string }>(
      await this.db.query(
        `SELECT escalation_id AS "escalationId", id, file_name AS "fileName", content_type AS "contentType", size_bytes::int AS "sizeBytes"
           FROM decision_attachments WHERE escalation_id = ANY($1)`,
        [escalationIds],
      ),
    );
    return new Map(rows.map(({ escalationId, ...ref }) => [escalationId, ref]));
  }

  /** Moves it to a level and the organisation that holds it there; returns when it got there. */
  async moveToLevel(tx: EntityManager, id: string, level: number, assignedOrganisationId: string): Promise<Date> {
    const [{ levelSince }] = queryRows<{ levelSince: Date }>(
      await tx.query(
        `UPDATE escalations SET level = $2, assigned_organisation_id = $3, level_since = now() WHERE id = $1 RETURNING level_since AS "levelSince"`,
        [id, level, assignedOrganisationId],
      ),
    );
    return levelSince;
  }

  async markResolved(
    tx: EntityManager,
    id: string,
    by: string,
    r: { resolution: string; outcome: AppealOutcome | null; conditions: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE escalations SET status = 'resolved', resolved_at = now(), resolved_by_user_id = $2, resolution = $3, outcome = $4, conditions = $5 WHERE id = $1`,
      [id, by, r.resolution, r.outcome, r.conditions],
    );
  }

  /** The organisation of a user (who raised it), or undefined. */
  async organisationOf(tx: EntityManager, userId: string): Promise<string | undefined> {
    const [row] = queryRows<{ organisationId: string } | undefined>(
      await tx.query(`SELECT organisation_id AS "organisationId" FROM users WHERE id = $1`, [userId]),
    );
    return row?.organisationId;
  }
}
