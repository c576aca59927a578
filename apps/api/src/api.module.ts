import { DynamicModule, Module } from '@nestjs/common';
import { IdentityModule } from '@pathway/identity/identity.module';
import { EnvConfig } from '@pathway/platform/config/env';
import { HealthModule } from '@pathway/platform/health/health.module';
import { PlatformModule } from '@pathway/platform/platform.module';
import { ContractsModule } from '@pathway/contracts/contracts.module';
import { PipelineModule } from '@pathway/pipeline/pipeline.module';
import { QueueDashboardModule } from '@pathway/queue/dashboard/queue-dashboard.module';
import { ResultsModule } from '@pathway/results/results.module';
import { SupportModule } from '@pathway/support/support.module';
import { GrowthFinancePipelineModule } from '@pathway/sustainability/growth-finance-pipeline';
import { WebModule } from '@pathway/web/web.module';
import { ENTITIES } from '../../entities';
import { FEATURE_MODULES } from '../../features';

/** What only the HTTP process loads: read models for pages and the programme view, the queue dashboard, the web pages. */
const API_ONLY_MODULES = [
  PipelineModule,
  SupportModule,
  ResultsModule,
  ContractsModule,
  GrowthFinancePipelineModule,
  QueueDashboardModule,
  WebModule,
];

/** The HTTP process: REST API and web pages. Enqueues jobs but never consumes them. */
@Module({})
export class ApiModule {
  static forRoot(config: EnvConfig, databaseUrl: string): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, databaseUrl, ENTITIES),
        HealthModule,
        IdentityModule,
        ...FEATURE_MODULES,
        ...API_ONLY_MODULES,
      ],
    };
  }
}
