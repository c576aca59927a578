import { Injectable } from '@nestjs/common';
import { HandlesJob } from '@pathway/queue/handles-job.decorator';
import type { JobPayloads } from '@pathway/queue/jobs';
import { EmailOutbox, type EmailOutcome } from './email/email-outbox';

/**
 * Delivers one notification by email through the configured channel (GOV.UK Notify or SMTP);
 * with neither, notifications stay in-app and this does nothing. `emailed_at` makes a redelivered
 * job harmless; a channel error fails the job, which BullMQ retries with backoff.
 */
@Injectable()
export class EmailHandler {
  constructor(private readonly outbox: EmailOutbox) {}

  @HandlesJob('notification.email')
  async handle({ notificationId }: JobPayloads['notification.email']): Promise<EmailOutcome> {
    return this.outbox.deliver(notificationId);
  }
}
