import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueRepository } from './queue.repository';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerHost } from './worker-host';

/** Imported by the worker process only: the API never consumes jobs. */
@Module({ imports: [DiscoveryModule], providers: [WorkerHost, WorkerHeartbeat, QueueRepository] })
export class WorkerHostModule {}
