import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { Public } from '../http/public-route';
import { withTimeout } from '../lifecycle/with-timeout';
import { REDIS_REQUEST_CLIENT } from '../redis/redis';
import { WorkerStatusReader } from './worker-status';

/**
 * `/health`: 200 `{ status: 'ok' }` when Postgres and Redis answer; 503 otherwise (terminus's
 * shape). `/health/live`: the process answers (restart it when this fails). `/health/ready`: the
 * service can do its work: Postgres, Redis, and a queue worker that is alive and keeping up.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(REDIS_REQUEST_CLIENT) private readonly redis: Redis,
    private readonly workers: WorkerStatusReader,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Redis both answer' })
  @ApiOkResponse({ description: '{ status: "ok", info, error, details }' })
  @ApiServiceUnavailableResponse({ description: '{ status: "error", ... } naming what is down' })
  check() {
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 2000 }), () => this.pingRedis()]);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop answers (no dependencies checked)' })
  @ApiOkResponse({
    description: '{ status: "ok", uptimeSeconds }',
    schema: {
      type: 'object',
      required: ['status', 'uptimeSeconds'],
      properties: { status: { type: 'string', enum: ['ok'] }, uptimeSeconds: { type: 'integer' } },
    },
  })
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: Postgres and Redis answer, a worker heartbeat is recent, and no reminder sits due in pending past the threshold',
  })
  @ApiOkResponse({
    description:
      '{ status: "ok", info, error, details } with details.worker { workersAlive, lastHeartbeatAt, overdueReminders, oldestOverdueSince }',
  })
  @ApiServiceUnavailableResponse({ description: '{ status: "error", ... } naming what is down or stuck (details.worker.problems)' })
  ready() {
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 2000 }), () => this.pingRedis(), () => this.checkWorker()]);
  }

  private async checkWorker() {
    const check = this.indicator.check('worker');
    try {
      const status = await withTimeout(this.workers.read(), 3000);
      return status.problems.length ? check.down({ ...status }) : check.up({ ...status });
    } catch (err) {
      return check.down({ message: `worker status unknown: ${(err as Error).message}` });
    }
  }

  private async pingRedis() {
    const check = this.indicator.check('redis');
    try {
      const answer = await withTimeout(this.redis.ping(), 2000);
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${answer}` });
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }
}
