/** One email to one person. */
export interface EmailMessage {
  to: string;
  toName?: string;
  subject: string;
  body: string;
  /** Our notification id: Notify keeps it as the reference, SMTP as a header. */
  reference: string;
}

/** A way of sending email (SMTP or GOV.UK Notify). `send` throws when the message was not accepted. */
export interface EmailChannel {
  readonly name: 'smtp' | 'notify';
  send(message: EmailMessage): Promise<void>;
  close?(): void;
}

/** Thrown by a channel when retrying cannot help: GOV.UK Notify answered 4xx (not 429), or the SMTP server replied 5xx. */
export class PermanentEmailError extends Error {
  readonly permanent = true;
}

export function isPermanentEmailFailure(err: unknown): boolean {
  if (err instanceof PermanentEmailError) return true;
  // nodemailer: the server's reply code on a rejected command (550 mailbox unavailable, 554 ...).
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
