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
  static forRoot(config: EnvConfig, databaseUrl: string, entities: DataSourceOptions['entities'] = []): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseUrl, databaseLimits(config), entities),
          // Every transaction of the process keeps to its own connection (see unit-of-work.ts).
          dataSourceFactory: async (options) => guardTransactions(await new DataSource(options!).initialize()),
        }),
        RedisModule,
      ],
    };
  }
}
