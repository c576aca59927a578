import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvConfig } from '../../platform/src/config/env';
import { HandlesJob } from '../../queue/src/handles-job.decorator';
import type { JobPayloads } from '../../queue/src/jobs';

/**
 * Delivers one notification by email. With no email channel configured, notifications stay
 * in-app and this does nothing. `emailed_at` makes a redelivered job harmless.
 */
@Injectable()
export class EmailHandler {
  private readonly logger = new Logger('EmailHandler');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: EnvConfig,
  ) {}

  @HandlesJob('notification.email')
  async handle({ notificationId }: JobPayloads['notification.email']): Promise<string> {
    if (!this.config.SMTP_URL && !this.config.NOTIFY_API_KEY) return 'email not configured: in-app only';
    const [row] = await this.db.query(`SELECT n.id, n.emailed_at FROM notifications n WHERE n.id = $1`, [notificationId]);
    if (!row || row.emailed_at) return 'nothing to send';
    this.logger.warn('email channel configured but not yet wired');
    return 'not sent';
  }
}
