import { DynamicModule, Module } from '@nestjs/common';
import { IdentityModule } from '../../../libs/identity/src/identity.module';
import { EnvConfig } from '../../../libs/platform/src/config/env';
import { HealthModule } from '../../../libs/platform/src/health/health.module';
import { PlatformModule } from '../../../libs/platform/src/platform.module';
import { ContractsModule } from '../../../libs/contracts/src/contracts.module';
import { PipelineModule } from '../../../libs/pipeline/src/pipeline.module';
import { QueueDashboardModule } from '../../../libs/queue/src/dashboard/queue-dashboard.module';
import { ResultsModule } from '../../../libs/results/src/results.module';
import { SupportModule } from '../../../libs/support/src/support.module';
import { GrowthFinancePipelineModule } from '../../../libs/sustainability/src/growth-finance-pipeline';
import { WebModule } from '../../../libs/web/src/web.module';
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
