import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { EnvConfig } from '@pathway/platform/config/env';
import type { JourneyEntity } from './entities/journey.entity';

/** What changed on a journey, as other features need to hear it. */
export interface JourneyChange {
  journey: JourneyEntity;
  actorUserId: string | null;
  kind: 'created' | 'event' | 'tasks_changed' | 'details_changed' | 'policy_changed';
  /** The event fired, for kind 'event'. */
  event?: { type: string; payload: Record<string, unknown>; fromState: string; fromPhase: string };
  /** Tasks whose status, deadline or existence changed. */
  taskIds: string[];
  /** Notifications written during the change; listeners append, email goes out after commit. */
  notificationIds?: string[];
}

export interface JourneyChangeListener {
  /** Runs inside the change's transaction: write what must commit (or fail) with it. */
  inTransaction?(tx: EntityManager, change: JourneyChange): Promise<void>;
  /** Runs after commit: enqueue, send. Must tolerate being skipped (a reconciler backs it up). */
  afterCommit?(change: JourneyChange): Promise<void>;
}

/**
 * How journeys tell other features (reminders, escalations, Right to Provide notices) what
 * changed, without depending on them: listeners register at module init.
 */
@Injectable()
export class JourneyChangeBus {
  private readonly logger = new Logger('JourneyChangeBus');
  private readonly listeners: JourneyChangeListener[] = [];

  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: EnvConfig,
  ) {}

  register(listener: JourneyChangeListener): void {
    this.listeners.push(listener);
  }

  async inTransaction(tx: EntityManager, change: JourneyChange): Promise<void> {
    for (const l of this.listeners) await l.inTransaction?.(tx, change);
  }

  /**
   * After-commit work (enqueueing) is best-effort by design: the change has committed, and the
   * reminder reconciler restores anything missed. The caller waits for it at most
   * ENQUEUE_TIMEOUT_MS (Redis slow or down), then answers while the rest finishes on its own.
   */
  async afterCommit(change: JourneyChange): Promise<void> {
    const work = this.runAfterCommit(change);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.config.ENQUEUE_TIMEOUT_MS);
    });
    await Promise.race([work, bound]).finally(() => clearTimeout(timer));
  }

  private async runAfterCommit(change: JourneyChange): Promise<void> {
    for (const l of this.listeners) {
      try {
        await l.afterCommit?.(change);
      } catch (err) {
        this.logger.warn(
          { journeyId: change.journey.id, err: (err as Error).message },
          'after-commit work skipped (the reconciler repairs it)',
        );
      }
    }
    // Email for the notifications listeners wrote in the transaction (a job per notification;
    // its jobId and the row's emailed_at make a second enqueue of the same id harmless).
    if (change.notificationIds?.length) {
      await this.notifications
        .sendEmails(change.notificationIds)
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'email not enqueued'));
    }
  }
}
