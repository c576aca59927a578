import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TOP_LEVEL } from '@pathway/escalations/escalation-chain';
import { EscalationEntity } from '@pathway/escalations/escalation.entity';
import { EscalationsService } from '@pathway/escalations/escalations.service';
import type { StoredReminderPolicy } from '@pathway/journeys/entities/journey.entity';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { HandlesJob } from '@pathway/queue/handles-job.decorator';
import { escalationRaiseAt } from './domain/escalation-timing';
import type { Nation } from '@pathway/domain/vocabulary';
import { PAUSED_JOURNEY_STATES } from './reminder-scheduler';

const BATCH = 200;

/**
 * Raises, on a job scheduler, every open escalation that nobody acted on (resolved or raised)
 * within its journey's escalateAfter since it reached its level, one level at a time, up to the
 * top. EscalationsService.raise writes the history and notifies the newly assigned organisation.
 * Journeys on hold or withdrawn are left alone. Postgres alone says what is due, so nothing is
 * lost with Redis; each raise re-checks the row under lock, so two sweeps never raise twice.
 */
@Injectable()
export class EscalationSweepHandler {
  private readonly logger = new Logger('EscalationSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly escalations: EscalationsService,
    private readonly notifications: NotificationsService,
  ) {}

  @HandlesJob('escalation.sweep')
  async handle(): Promise<{ raised: number }> {
    const now = new Date();
    // Prefilter in SQL with the policy as a calendar interval (N working days are never fewer
    // than N calendar days); the exact time is computed below.
    const candidates: Array<{ id: string; levelSince: Date; policy: StoredReminderPolicy; nation: Nation }> = await this.db.query(
      `SELECT e.id, e.level_since AS "levelSince", j.reminder_policy AS policy, j.nation
         FROM escalations e JOIN journeys j ON j.id = e.journey_id
        WHERE e.status = 'open' AND e.level < $1 AND NOT (j.state = ANY($2)) AND NOT e.confidential
          AND (j.reminder_policy->>'escalateAfter') ~ '^P'
          AND e.level_since + (j.reminder_policy->>'escalateAfter')::interval <= $3
        ORDER BY e.level_since LIMIT $4`,
      [TOP_LEVEL, PAUSED_JOURNEY_STATES, now.toISOString(), BATCH],
    );
    let raised = 0;
    for (const c of candidates) {
      let due: Date;
      try {
        due = escalationRaiseAt(new Date(c.levelSince), c.policy, c.nation);
      } catch {
        continue;
      }
      if (due.getTime() > now.getTime()) continue;
      try {
        if (await this.raise(c.id, new Date(c.levelSince))) raised++;
      } catch (err) {
        this.logger.error({ escalationId: c.id, err: (err as Error).message }, 'automatic raise failed');
      }
    }
    return { raised };
  }

  /** Raises one escalation if it is still open, below the top and untouched since `levelSince`. */
  private async raise(id: string, levelSince: Date): Promise<boolean> {
    const notificationIds = await this.db.transaction(async (tx) => {
      const [peek] = await tx.query(`SELECT journey_id FROM escalations WHERE id = $1`, [id]);
      if (!peek) return null;
      const [journey] = await tx.query(`SELECT state FROM journeys WHERE id = $1 FOR UPDATE`, [peek.journey_id]);
      const e = await tx.getRepository(EscalationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!journey || PAUSED_JOURNEY_STATES.includes(journey.state)) return null;
      // A confidential concern stays with the central team unless it passes it on by hand.
      if (!e || e.status !== 'open' || e.confidential || e.level >= TOP_LEVEL || new Date(e.levelSince).getTime() !== levelSince.getTime())
        return null;
      const result = await this.escalations.raise(tx, e, null, 'Nobody acted on it within the journey’s escalation time', 'automatic');
      return result.notificationIds;
    });
    if (!notificationIds) return false;
    await this.notifications.sendEmails(notificationIds);
    return true;
  }
}
