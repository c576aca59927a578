import { DynamicModule, Module } from '@nestjs/common';
import { IdentityModule } from '@pathway/identity/identity.module';
import { EnvConfig } from '@pathway/platform/config/env';
import { PlatformModule } from '@pathway/platform/platform.module';
import { WorkerHostModule } from '@pathway/queue/worker-host.module';
import { ENTITIES } from '../../entities';
import { FEATURE_MODULES } from '../../features';

/**
 * The queue worker process: the only one that registers BullMQ processors (WorkerHostModule). No
 * web code. It keeps its pooled connections open (a burst of reminders must not wait to connect).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: EnvConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, databaseUrl, ENTITIES, { keepIdleConnections: true }),
        IdentityModule,
        ...FEATURE_MODULES,
        WorkerHostModule,
      ],
    };
  }
}
