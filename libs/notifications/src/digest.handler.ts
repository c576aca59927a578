import { Injectable } from '@nestjs/common';
import { HandlesJob } from '@pathway/queue/handles-job.decorator';
import { EmailDigest } from './email/email-digest';

/** On a job scheduler in the worker: writes (and hands to the outbox) the daily digest of everyone whose digest is due. */
@Injectable()
export class DigestHandler {
  constructor(private readonly digest: EmailDigest) {}

  @HandlesJob('notification.digest')
  async handle(): Promise<{ digests: number; notices: number }> {
    return this.digest.run();
  }
}
