import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdentityService } from '@pathway/identity/identity.service';

/**
 * Display names for pages: organisations, people and journeys by id. Read-only; callers pass only
 * ids that came from services which have already decided what the person may see.
 */
@Injectable()
export class LookupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identity: IdentityService,
  ) {}

  /**
   * The parent bodies a pipeline viewer may filter by: all of them for the central team; for a
   * department officer only those of the journeys their department sponsors (no other names leak).
   */
  async parentBodiesInScope(scope: { departmentId: string | null }): Promise<Array<{ id: string; name: string }>> {
    if (!scope.departmentId) return this.identity.listOrganisations({ kind: 'parent_body' });
    return this.db.query(
      `SELECT o.id, o.name FROM organisations o
        WHERE o.kind = 'parent_body' AND EXISTS (SELECT 1 FROM journeys j WHERE j.parent_body_id = o.id AND j.department_id = $1)
        ORDER BY o.name`,
      [scope.departmentId],
    );
  }

  /**
   * The departments a pipeline viewer may filter by: all of them for the central team; for a
   * department officer only their own (the filter can narrow their view, never widen it).
   */
  async departmentsInScope(scope: { departmentId: string | null }): Promise<Array<{ id: string; name: string }>> {
    if (!scope.departmentId) return this.identity.listOrganisations({ kind: 'department' });
    return this.identity.listOrganisations({ ids: [scope.departmentId], kind: 'department' });
  }

  async organisationNames(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const orgs = await this.identity.listOrganisations({ ids: wanted });
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  /** "Alex Jones (Brighton Council)" by user id. */
  async userNames(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const rows: Array<{ id: string; name: string; organisation: string }> = await this.db.query(
      `SELECT u.id, u.name, o.name AS organisation FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ANY($1)`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, `${r.name} (${r.organisation})`]));
  }

  /** The people of an organisation, by name (for "Assigned to"). */
  async usersOf(organisationId: string | null): Promise<Array<{ id: string; name: string }>> {
    if (!organisationId) return [];
    return this.db.query(`SELECT id, name FROM users WHERE organisation_id = $1 ORDER BY name, id LIMIT 500`, [organisationId]);
  }

  async journeyNames(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (!wanted.length) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.db.query(`SELECT id, name FROM journeys WHERE id = ANY($1)`, [wanted]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
