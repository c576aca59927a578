import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { managerFor } from '@pathway/database/unit-of-work';

/** The central team's organisation (kind cabinet_office, created on first start): the fallback escalation point and owner of central tasks. */
@Injectable()
export class CentralOrganisation {
  private cached?: string;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Read once, through the caller's transaction when there is one (never a second pool connection). */
  async id(em: EntityManager = managerFor(this.db)): Promise<string> {
    if (this.cached) return this.cached;
    const [row] = await em.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at LIMIT 1`);
    if (!row) throw new Error('No cabinet_office organisation exists: migrations create one on first start');
    this.cached = row.id as string;
    return this.cached;
  }
}
