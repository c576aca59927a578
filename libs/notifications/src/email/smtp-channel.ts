import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailChannel, EmailMessage } from './email-channel';

/** Email through an SMTP server (`SMTP_URL`, e.g. smtp://user:pass@host:587 or smtps://host:465). */
export class SmtpChannel implements EmailChannel {
  readonly name = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs = 20_000,
  ) {
    // Every stage of the SMTP conversation bounded: connect, greeting, and each read/write.
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(message: EmailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.toName ? { name: message.toName, address: message.to } : message.to,
      subject: message.subject,
      text: message.body,
      headers: { 'X-Pathway-Notification': message.reference },
    });
  }

  close(): void {
    this.transport.close();
  }
}
