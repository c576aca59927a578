import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { BootstrapAdmin } from '@pathway/identity/bootstrap-admin';
import { EnvConfig } from '@pathway/platform/config/env';
import { configureApp } from '@pathway/platform/http/configure-app';
import { configureWeb } from '@pathway/web/configure-web';
import { ApiModule } from './api.module';

/** Builds the configured HTTP app (not yet listening): used by main, `npm start` and the tests. */
export async function createApi(config: EnvConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, databaseUrl), { bufferLogs: true });
  // BOOTSTRAP_ADMIN_TOKEN and CENTRAL_TEAM_NAME take effect at every start, not only when migrating.
  await app.get(BootstrapAdmin).apply();
  configureApp(app);
  // Web pages: views, /assets, sessions, CSRF and GOV.UK error pages (after the CSP nonce is set).
  configureWeb(app);
  return app;
}
