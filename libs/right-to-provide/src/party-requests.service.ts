import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '@pathway/identity/principal';
import { CentralOrganisation } from '@pathway/journeys/central-organisation';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { reassignPartyTasks } from '@pathway/journeys/journeys.service';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';

/** Events by which the named parent body answers the request, and so confirms it is theirs. */
const ANSWERS = ['accept_expression_of_interest', 'decline_expression_of_interest'];

/**
 * Issue 14 item 8: a parent body named by a mutual lead is an unconfirmed party request. The
 * body confirms it (explicitly, or by answering the expression of interest), or rejects it as
 * not theirs: the journey leaves that body (its notices about it are withdrawn, its tasks go to
 * the central team, which finds the right parent body), and the mutual is told without being
 * told who in that body said so.
 */
@Injectable()
export class PartyRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly central: CentralOrganisation,
    private readonly notifications: NotificationsService,
    private readonly bus: JourneyChangeBus,
  ) {
    bus.register({
      inTransaction: async (tx, change) => {
        if (change.kind !== 'event' || !change.event || !ANSWERS.includes(change.event.type)) return;
        await tx.query(`UPDATE journeys SET parent_body_confirmed = true WHERE id = $1 AND NOT parent_body_confirmed`, [change.journey.id]);
        change.journey.parentBodyConfirmed = true;
      },
    });
  }

  private assertNamedBody(p: Principal, j: JourneyEntity): void {
    if (p.role !== 'parent_body_officer' || p.organisationId !== j.parentBodyId) {
      throw new ForbiddenError('Only an officer of the parent body this journey names can confirm or reject it');
    }
    if (j.parentBodyConfirmed) throw new ConflictError('This journey’s parent body is already confirmed');
  }

  async confirm(p: Principal, journeyId: string): Promise<JourneyEntity> {
    return this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      this.assertNamedBody(p, j);
      await tx.query(`UPDATE journeys SET parent_body_confirmed = true WHERE id = $1`, [j.id]);
      j.parentBodyConfirmed = true;
      j.version = await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'parent_body_confirmed',
        data: { parentBodyId: j.parentBodyId },
      });
      return j;
    });
  }

  async reject(p: Principal, journeyId: string): Promise<void> {
    const { notificationIds, change } = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      this.assertNamedBody(p, j);
      const from = j.parentBodyId;
      const centralId = await this.central.id(tx);
      // The request is withdrawn from that body: its inbox notices about this journey go.
      await tx.query(`DELETE FROM notifications WHERE journey_id = $1 AND user_id IN (SELECT id FROM users WHERE organisation_id = $2)`, [
        j.id,
        from,
      ]);
      await tx.query(`UPDATE journeys SET parent_body_id = $2, parent_body_confirmed = false WHERE id = $1`, [j.id, centralId]);
      j.parentBodyId = centralId;
      const taskIds = await reassignPartyTasks(tx, j, centralId, ['parent_body', ...(j.commissionerId ? [] : (['commissioner'] as const))]);
      j.version = await touchJourney(tx, j.id);
      // No actor: the mutual learns that the body it named said no, not who there said it.
      await recordHistory(tx, { journeyId: j.id, actorUserId: null, type: 'parent_body_rejected', data: { from, to: centralId } });
      const ids = await this.notifications.notifyOrganisations(tx, [j.mutualOrganisationId, centralId], {
        type: 'journey_event',
        title: `The parent body named on ${j.name} says it is not theirs`,
        body: 'The organisation named as parent body has said this journey is not for it. The central team will help find the right parent body; until then its tasks sit with the central team.',
        journeyId: j.id,
      });
      const change = { journey: j, actorUserId: p.id, kind: 'details_changed' as const, taskIds };
      await this.bus.inTransaction(tx, change);
      return { notificationIds: ids, change };
    });
    await this.bus.afterCommit(change);
    await this.notifications.sendEmails(notificationIds).catch(() => undefined);
  }
}
