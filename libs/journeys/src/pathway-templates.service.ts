import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { managerFor } from '@pathway/database/unit-of-work';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { PATHWAY_TEMPLATE_V2 } from '@pathway/domain/template/pathway-template.v2';
import { PATHWAY_TEMPLATE_V3 } from '@pathway/domain/template/pathway-template.v3';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import { validateTemplate } from '@pathway/domain/template/validate-template';
import { BadRequestError, NotFoundError } from '@pathway/platform/errors/domain-errors';

/** The template versions shipped in the repository, inserted on start if missing. */
export const SHIPPED_TEMPLATES: PathwayTemplate[] = [PATHWAY_TEMPLATE_V1, PATHWAY_TEMPLATE_V2, PATHWAY_TEMPLATE_V3];

/** Inserts shipped template versions that the database does not have yet (idempotent). */
export async function ensureShippedTemplates(db: DataSource): Promise<void> {
  for (const t of SHIPPED_TEMPLATES) {
    await db.query(`INSERT INTO pathway_templates (version, definition) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING`, [
      t.version,
      JSON.stringify(t),
    ]);
  }
}

/**
 * Versions of the pathway template. The current one seeds new journeys; a journey keeps the
 * version it started with. Versions are immutable, so each is cached once read.
 */
@Injectable()
export class PathwayTemplatesService {
  private readonly cache = new Map<number, PathwayTemplate>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async current(em: EntityManager = managerFor(this.db)): Promise<PathwayTemplate> {
    const [row] = await em.query(`SELECT max(version) AS version FROM pathway_templates`);
    if (!row?.version) throw new Error('No pathway template in the database: migrations insert the shipped one');
    return this.version(Number(row.version), em);
  }

  /** A version (cached once read), read through the caller's transaction when there is one. */
  async version(version: number, em: EntityManager = managerFor(this.db)): Promise<PathwayTemplate> {
    const hit = this.cache.get(version);
    if (hit) return hit;
    const [row] = await em.query(`SELECT definition FROM pathway_templates WHERE version = $1`, [version]);
    if (!row) throw new NotFoundError(`Pathway template version ${version}`);
    const t = row.definition as PathwayTemplate;
    this.cache.set(version, t);
    return t;
  }

  async versions(): Promise<Array<{ version: number; name: string; publishedOn: string; createdAt: string }>> {
    const rows: Array<{ version: number; definition: PathwayTemplate; created_at: Date }> = await managerFor(this.db).query(
      `SELECT version, definition, created_at FROM pathway_templates ORDER BY version`,
    );
    return rows.map((r) => ({
      version: r.version,
      name: r.definition.name,
      publishedOn: r.definition.publishedOn,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Publishes an edited template as the next version, after the same checks the shipped one passes. */
  async publish(definition: Omit<PathwayTemplate, 'version'>, userId: string): Promise<PathwayTemplate> {
    return this.db.transaction(async (tx) => {
      await tx.query(`LOCK TABLE pathway_templates IN EXCLUSIVE MODE`);
      const [row] = await tx.query(`SELECT max(version) AS version FROM pathway_templates`);
      const next: PathwayTemplate = { ...definition, version: Number(row.version) + 1 } as PathwayTemplate;
      const problems = validateTemplate(next);
      if (problems.length) throw new BadRequestError(problems);
      await tx.query(`INSERT INTO pathway_templates (version, definition, created_by_user_id) VALUES ($1, $2, $3)`, [
        next.version,
        JSON.stringify(next),
        userId,
      ]);
      return next;
    });
  }
}
