import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { WorkerStatusReader } from './worker-status';

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [WorkerStatusReader] })
export class HealthModule {}
