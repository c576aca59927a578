import { Injectable } from '@nestjs/common';
import { HandlesJob } from './handles-job.decorator';

/** A job that does nothing: lets operators and tests check that the worker consumes its queues. */
@Injectable()
export class NoopHandler {
  @HandlesJob('queue.noop')
  async handle(): Promise<string> {
    return 'ok';
  }
}
