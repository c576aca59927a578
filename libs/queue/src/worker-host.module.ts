import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerHost } from './worker-host';

/** Imported by the worker process only: the API never consumes jobs. */
@Module({ imports: [DiscoveryModule], providers: [WorkerHost, WorkerHeartbeat] })
export class WorkerHostModule {}
