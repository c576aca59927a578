import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EnvConfig } from '../config/env';
import { createRedis, REDIS_REQUEST_CLIENT } from './redis';

/** A shared, fail-fast Redis connection for request-path use (health, sessions, rate limits). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_REQUEST_CLIENT,
      inject: [EnvConfig],
      useFactory: (config: EnvConfig) => createRedis(config.REDIS_URL, 'request'),
    },
  ],
  exports: [REDIS_REQUEST_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_REQUEST_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
