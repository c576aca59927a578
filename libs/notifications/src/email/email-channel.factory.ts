import type { EnvConfig } from '@pathway/platform/config/env';
import type { EmailChannel } from './email-channel';

/**
 * The configured email channel: GOV.UK Notify when its key is set (the government's service takes
 * precedence), otherwise SMTP when `SMTP_URL` is set, otherwise none (notifications stay in-app).
 * Each channel's client library (Notify's axios and JWT stack, nodemailer) is loaded only when that
 * channel is configured, so a process without email never loads either.
 */
export function emailChannelFor(config: EnvConfig): EmailChannel | null {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (config.NOTIFY_API_KEY && config.NOTIFY_TEMPLATE_ID) {
    const { NotifyChannel } = require('./notify-channel') as typeof import('./notify-channel');
    return new NotifyChannel(config.NOTIFY_API_KEY, config.NOTIFY_TEMPLATE_ID, config.EMAIL_SEND_TIMEOUT_SECONDS * 1000);
  }
  if (config.SMTP_URL) {
    const { SmtpChannel } = require('./smtp-channel') as typeof import('./smtp-channel');
    return new SmtpChannel(config.SMTP_URL, config.MAIL_FROM, config.EMAIL_SEND_TIMEOUT_SECONDS * 1000);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return null;
}
