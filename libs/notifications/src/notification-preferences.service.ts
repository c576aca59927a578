import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ALWAYS_IMMEDIATE_NOTIFICATION_TYPES,
  DEFAULT_ROUTINE_EMAIL_PREFERENCE,
  nextDigestAt,
  type RoutineEmailPreference,
} from '@pathway/domain/notifications/email-preferences';
import type { NotificationType } from '@pathway/domain/vocabulary';

export interface NotificationPreferences {
  routineEmails: RoutineEmailPreference;
  /** Notice types always emailed at once, whatever `routineEmails` says. */
  alwaysImmediate: NotificationType[];
  /** When the next digest goes (07:00 London on the next weekday). */
  nextDigestAt: Date;
  /** Notices waiting for that digest. */
  heldForDigest: number;
  /** Null until the person first chose (the default applies). */
  updatedAt: Date | null;
}

/** Each person's choice of how routine notices reach them by email (`notification_preferences`; no row: the default, a daily digest). */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(userId: string, now: Date = new Date()): Promise<NotificationPreferences> {
    // One row always (the person's preference, or nulls for the default).
    const [row]: Array<{ routineEmails: RoutineEmailPreference | null; updatedAt: Date | null; held: number }> = await this.db.query(
      `SELECT p.routine_emails AS "routineEmails", p.updated_at AS "updatedAt",
              (SELECT count(*)::int FROM notifications n WHERE n.user_id = $1 AND n.email_route = 'digest' AND n.digest_id IS NULL) AS held
         FROM (SELECT 1) one LEFT JOIN notification_preferences p ON p.user_id = $1`,
      [userId],
    );
    return {
      routineEmails: row.routineEmails ?? DEFAULT_ROUTINE_EMAIL_PREFERENCE,
      alwaysImmediate: [...ALWAYS_IMMEDIATE_NOTIFICATION_TYPES],
      nextDigestAt: nextDigestAt(now),
      heldForDigest: row.held,
      updatedAt: row.updatedAt,
    };
  }

  /**
   * Saves the choice. Notices already held stay for the next digest, unless the person chose no
   * routine email at all: then they are not emailed either.
   */
  async set(userId: string, routineEmails: RoutineEmailPreference): Promise<NotificationPreferences> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO notification_preferences (user_id, routine_emails) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET routine_emails = excluded.routine_emails, updated_at = now()`,
        [userId, routineEmails],
      );
      if (routineEmails === 'in_app_only') {
        await tx.query(
          `UPDATE notifications SET email_route = 'none' WHERE user_id = $1 AND email_route = 'digest' AND digest_id IS NULL`,
          [userId],
        );
      }
    });
    return this.get(userId);
  }
}
