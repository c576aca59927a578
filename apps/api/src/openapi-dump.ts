import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@pathway/platform/config/env';
import { buildOpenApiDocument } from '@pathway/platform/http/configure-app';
import { ApiModule } from './api.module';

/**
 * `npm run openapi:lint` (part of `npm test`): writes the OpenAPI document to the path given (or
 * stdout) without a database or Redis: Nest's preview mode builds the module graph and reads the
 * controllers' metadata but instantiates nothing.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(ApiModule.forRoot(config, 'postgres://preview@127.0.0.1:1/preview'), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const json = JSON.stringify(buildOpenApiDocument(app), null, 2);
  const out = process.argv[2];
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
  await app.close().catch(() => undefined);
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
