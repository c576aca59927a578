import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The queue's only use of Postgres: one round trip on a pool connection, the worker heartbeat's
 * proof that the pool is not exhausted by stuck jobs. Jobs themselves read Postgres through their
 * own features' repositories.
 */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Takes a pool connection, runs `SELECT 1`, gives it back; rejects when none comes. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
