import type { EnvConfig } from '@pathway/platform/config/env';
import type { EmailChannel } from './email-channel';
import { NotifyChannel } from './notify-channel';
import { SmtpChannel } from './smtp-channel';

/**
 * The configured email channel: GOV.UK Notify when its key is set (the government's service takes
 * precedence), otherwise SMTP when `SMTP_URL` is set, otherwise none (notifications stay in-app).
 */
export function emailChannelFor(config: EnvConfig): EmailChannel | null {
  if (config.NOTIFY_API_KEY && config.NOTIFY_TEMPLATE_ID)
    return new NotifyChannel(config.NOTIFY_API_KEY, config.NOTIFY_TEMPLATE_ID, config.EMAIL_SEND_TIMEOUT_SECONDS * 1000);
  if (config.SMTP_URL) return new SmtpChannel(config.SMTP_URL, config.MAIL_FROM, config.EMAIL_SEND_TIMEOUT_SECONDS * 1000);
  return null;
}
