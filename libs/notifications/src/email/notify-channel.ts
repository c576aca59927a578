import { NotifyClient } from 'notifications-node-client';
import { withTimeout } from '@pathway/platform/lifecycle/with-timeout';
import { PermanentEmailError, type EmailChannel, type EmailMessage } from './email-channel';

/**
 * Email through GOV.UK Notify (`NOTIFY_API_KEY`), with one template (`NOTIFY_TEMPLATE_ID`) whose
 * content is `((body))` and subject `((subject))`. The notification id travels as the reference.
 */
export class NotifyChannel implements EmailChannel {
  readonly name = 'notify' as const;
  private readonly client: NotifyClient;

  /**
   * `timeoutMs` bounds each send (the Notify client sets no timeout of its own, so a Notify that
   * never answers would hold whoever is waiting: the outbox or an account email in a request).
   * `baseUrl` only for tests (a local stand-in for the Notify API).
   */
  constructor(
    apiKey: string,
    private readonly templateId: string,
    private readonly timeoutMs: number,
    baseUrl?: string,
  ) {
    this.client = baseUrl ? new NotifyClient(baseUrl, apiKey) : new NotifyClient(apiKey);
  }

  async send(message: EmailMessage): Promise<void> {
    try {
      await withTimeout(
        this.client.sendEmail(this.templateId, message.to, {
          personalisation: { subject: message.subject, body: message.body },
          reference: message.reference,
        }),
        this.timeoutMs,
        `GOV.UK Notify did not answer within ${this.timeoutMs / 1000} s`,
      );
    } catch (err) {
      // axios errors carry Notify's explanation in the response body.
      const e = err as {
        response?: { status?: number; data?: { errors?: Array<{ error?: string; message?: string }> } };
        message?: string;
      };
      const detail = e.response?.data?.errors?.map((x) => `${x.error}: ${x.message}`).join('; ');
      const status = e.response?.status;
      const message = `GOV.UK Notify refused the email${status ? ` (${status})` : ''}: ${detail ?? e.message ?? 'unknown error'}`;
      // A 4xx (bad address, bad key, template missing) will not succeed on retry; 429 (rate limit) may.
      if (status !== undefined && status >= 400 && status < 500 && status !== 429) throw new PermanentEmailError(message);
      throw new Error(message);
    }
  }
}
