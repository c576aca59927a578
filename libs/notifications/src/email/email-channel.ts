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
