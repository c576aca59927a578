import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseLimits, dataSourceOptions } from '@pathway/database/data-source';
import { guardTransactions } from '@pathway/database/unit-of-work';
import { ConfigModule } from './config/config.module';
import { EnvConfig } from './config/env';
import { LoggingModule } from './logging/logging.module';
import { RedisModule } from './redis/redis.module';

/** What both processes stand on: config, logs, Postgres (with the entities the app gives), Redis. */
@Module({})
export class PlatformModule {
  /** `keepIdleConnections` (the worker): pooled connections stay open once made (see DatabaseLimits.idleTimeoutMs). */
  static forRoot(
    config: EnvConfig,
    databaseUrl: string,
    entities: DataSourceOptions['entities'] = [],
    options: { keepIdleConnections?: boolean } = {},
  ): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            dataSourceOptions(
              databaseUrl,
              { ...databaseLimits(config), ...(options.keepIdleConnections ? { idleTimeoutMs: 0 } : {}) },
              entities,
            ),
          // Every transaction of the process keeps to its own connection (see unit-of-work.ts).
          dataSourceFactory: async (options) => guardTransactions(await new DataSource(options!).initialize()),
        }),
        RedisModule,
      ],
    };
  }
}
