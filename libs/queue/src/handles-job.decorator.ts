import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs';

export const HANDLES_JOB = 'pathway:handles-job';

/** Marks a provider method as the handler of a job; the worker discovers these at startup. */
export const HandlesJob = (name: JobName) => SetMetadata(HANDLES_JOB, name);
