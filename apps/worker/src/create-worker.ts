import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvConfig } from '@pathway/platform/config/env';
import { WorkerModule } from './worker.module';

/** Starts the worker: an application context (no HTTP) whose WorkerHost consumes the queues. */
export async function createWorker(config: EnvConfig, databaseUrl: string): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
