import { Client } from 'pg';
import { initialPosition } from '@pathway/domain/machines/journey-position';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { tasksCreatedWithJourney } from '@pathway/domain/template/tasks-to-create';
import type { TemplateTask } from '@pathway/domain/template/types';
import { REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';

const UNIT_DAYS: Record<string, number> = { calendar_days: 1, working_days: 1.4, weeks: 7, months: 30.4 };

/**
 * Template tasks as rows for bulk SQL (jsonb_to_recordset), with transfer-relative due rules
 * approximated in calendar days: close enough for seeding benchmark data.
 */
export function templateTaskRows(tasks: TemplateTask[]) {
  return tasks.map((t, i) => ({
    ord: i,
    key: t.key,
    title: t.title,
    phase: t.phase,
    gate_state: t.gateState,
    workstream: t.workstream,
    owner_party: t.ownerParty,
    mandatory: t.mandatory,
    statutory: t.statutory ?? false,
    depends_on: t.dependsOn,
    guidance: t.guidance,
    source: t.source,
    offset_days: t.due && t.due.anchor === 'planned_transfer_date' ? Math.round(t.due.offset * UNIT_DAYS[t.due.unit]) : null,
  }));
}

/**
 * Seeds `count` journeys in `exploring` with their template tasks, in bulk SQL (seconds, not
 * minutes): one mutual per journey, a handful of parent bodies and departments. Returns the ids
 * of the organisations, so a benchmark can act as their users.
 */
export async function seedJourneys(databaseUrl: string, count: number): Promise<{ parentBodyIds: string[]; departmentIds: string[] }> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const pos = initialPosition();
    const parents = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Council ' || g, 'parent_body' FROM generate_series(1, 50) g RETURNING id`,
    );
    const departments = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Department ' || g, 'department' FROM generate_series(1, 8) g RETURNING id`,
    );
    const [arbiter] = (await pg.query(`INSERT INTO organisations (name, kind) VALUES ('Independent arbiter', 'arbiter') RETURNING id`))
      .rows;
    await pg.query(
      `CREATE TEMP TABLE seed_mutuals AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, ${Math.trunc(count)}) g`,
    );
    await pg.query(`INSERT INTO organisations (id, name, kind) SELECT id, 'Mutual ' || n, 'mutual' FROM seed_mutuals`);
    await pg.query(
      `INSERT INTO journeys (name, mutual_organisation_id, parent_body_id, department_id, arbiter_id, service_area, region, staff_count,
         planned_transfer_date, phase, state, machine_snapshot, template_version, reminder_policy)
       SELECT 'Spin-out ' || m.n, m.id, ($1::uuid[])[1 + m.n % array_length($1::uuid[], 1)], ($2::uuid[])[1 + m.n % array_length($2::uuid[], 1)], $3,
              ($4::text[])[1 + m.n % array_length($4::text[], 1)], ($5::text[])[1 + (m.n / 7) % array_length($5::text[], 1)],
              10 + (m.n * 37) % 1500, current_date + 200 + (m.n % 700), $6, $7, $8, 1, $9
         FROM seed_mutuals m`,
      [
        parents.rows.map((r) => r.id),
        departments.rows.map((r) => r.id),
        arbiter.id,
        [...SERVICE_AREAS],
        [...REGIONS],
        pos.phase,
        pos.state,
        JSON.stringify(pos.snapshot),
        JSON.stringify(PATHWAY_TEMPLATE_V1.reminderPolicy),
      ],
    );
    const tasks = templateTaskRows(tasksCreatedWithJourney(PATHWAY_TEMPLATE_V1));
    await pg.query(
      `INSERT INTO journey_tasks (journey_id, key, title, phase, gate_state, workstream, owner_party, owner_organisation_id, status, mandatory,
         statutory, due_date, depends_on, guidance, source)
       SELECT j.id, t.key, t.title, t.phase, t.gate_state, t.workstream, t.owner_party,
              CASE t.owner_party WHEN 'mutual' THEN j.mutual_organisation_id WHEN 'department' THEN j.department_id ELSE j.parent_body_id END,
              CASE WHEN jsonb_array_length(t.depends_on) = 0 THEN 'not_started' ELSE 'cannot_start_yet' END, t.mandatory, t.statutory,
              j.planned_transfer_date + t.offset_days, ARRAY(SELECT jsonb_array_elements_text(t.depends_on)), t.guidance, t.source
         FROM journeys j CROSS JOIN jsonb_to_recordset($1::jsonb) AS t(key text, title text, phase text, gate_state text, workstream text,
              owner_party text, mandatory boolean, statutory boolean, depends_on jsonb, guidance text, source text, offset_days int)`,
      [JSON.stringify(tasks)],
    );
    await pg.query('ANALYZE');
    return { parentBodyIds: parents.rows.map((r) => r.id), departmentIds: departments.rows.map((r) => r.id) };
  } finally {
    await pg.end();
  }
}
