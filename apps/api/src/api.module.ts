import { DynamicModule, Module } from '@nestjs/common';
import { IdentityModule } from '../../../libs/identity/src/identity.module';
import { EnvConfig } from '../../../libs/platform/src/config/env';
import { HealthModule } from '../../../libs/platform/src/health/health.module';
import { PlatformModule } from '../../../libs/platform/src/platform.module';
import { FEATURE_MODULES } from '../../features';

/** The HTTP process: REST API and web pages. Enqueues jobs but never consumes them. */
@Module({})
export class ApiModule {
  static forRoot(config: EnvConfig, databaseUrl: string): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, databaseUrl), HealthModule, IdentityModule, ...FEATURE_MODULES],
    };
  }
}
