import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { EnvConfig } from '@pathway/platform/config/env';
import type { EmailChannel } from '@pathway/notifications/email/email-channel';
import { emailChannelFor } from '@pathway/notifications/email/email-channel.factory';

/** Overrides the configured channel (tests pass a real SMTP server through SMTP_URL instead). */
export const ACCOUNT_EMAIL_CHANNEL = Symbol('ACCOUNT_EMAIL_CHANNEL');

export interface AccountEmail {
  to: string;
  toName: string;
  subject: string;
  body: string;
  /** Our reference for the message (the link's id), never the secret. */
  reference: string;
}

/**
 * Account emails (invitations, password resets) through the same configured channel as
 * notifications (GOV.UK Notify or SMTP). They carry a one-time secret that is stored only as a
 * hash, so they cannot wait in a queue for the worker: they are sent from the API process at once,
 * retried briefly, and a failure is reported to the caller (an administrator is then shown the link
 * to pass on; a reset request can simply be made again).
 */
@Injectable()
export class AccountMailer implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountEmail');
  private readonly channel: EmailChannel | null;

  constructor(
    private readonly config: EnvConfig,
    @Optional() @Inject(ACCOUNT_EMAIL_CHANNEL) channel?: EmailChannel | null,
  ) {
    this.channel = channel !== undefined ? channel : emailChannelFor(config);
  }

  get configured(): boolean {
    return this.channel !== null;
  }

  /** Sends the email; false when there is no channel or it kept refusing (three tries). */
  async send(email: AccountEmail): Promise<boolean> {
    if (!this.channel) return false;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.channel.send(email);
        return true;
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, reference: email.reference, attempt }, 'account email not sent');
        if (attempt < 3) await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
    return false;
  }

  onApplicationShutdown(): void {
    this.channel?.close?.();
  }
}
