import { MigrationInterface, QueryRunner } from 'typeorm';

/** Journeys, their checklist tasks, the append-only history, escalations and the pathway templates. */
export class Journeys1763800100000 implements MigrationInterface {
  name = 'Journeys1763800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pathway_templates (
        version integer PRIMARY KEY,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_user_id uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE journeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        mutual_organisation_id uuid NOT NULL REFERENCES organisations (id),
        parent_body_id uuid NOT NULL REFERENCES organisations (id),
        commissioner_id uuid REFERENCES organisations (id),
        department_id uuid REFERENCES organisations (id),
        arbiter_id uuid REFERENCES organisations (id),
        service_area text NOT NULL,
        region text NOT NULL,
        staff_count integer NOT NULL CHECK (staff_count >= 0),
        planned_transfer_date date NOT NULL,
        phase text NOT NULL,
        state text NOT NULL,
        machine_snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        template_version integer NOT NULL REFERENCES pathway_templates (version),
        legal_form text,
        reminder_policy jsonb NOT NULL,
        event_dates jsonb NOT NULL DEFAULT '{}'::jsonb,
        proposal_summary text,
        created_by_user_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const col of ['mutual_organisation_id', 'parent_body_id', 'commissioner_id', 'department_id', 'arbiter_id']) {
      await q.query(`CREATE INDEX journeys_${col}_idx ON journeys (${col})`);
    }
    await q.query(`CREATE INDEX journeys_phase_state_idx ON journeys (phase, state)`);
    await q.query(`CREATE INDEX journeys_service_area_region_idx ON journeys (service_area, region)`);
    await q.query(`CREATE INDEX journeys_last_activity_idx ON journeys (last_activity_at)`);
    await q.query(`CREATE INDEX journeys_planned_transfer_idx ON journeys (planned_transfer_date)`);

    await q.query(`
      CREATE TABLE journey_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        key text NOT NULL,
        title text NOT NULL,
        phase text NOT NULL,
        gate_state text,
        workstream text NOT NULL,
        owner_party text NOT NULL,
        owner_organisation_id uuid REFERENCES organisations (id),
        status text NOT NULL CHECK (status IN ('cannot_start_yet','not_started','in_progress','completed','not_applicable')),
        mandatory boolean NOT NULL,
        statutory boolean NOT NULL DEFAULT false,
        due_date date,
        due_at timestamptz,
        due_set_by_hand boolean NOT NULL DEFAULT false,
        depends_on text[] NOT NULL DEFAULT '{}',
        guidance text NOT NULL,
        source text NOT NULL DEFAULT '',
        assignee_user_id uuid REFERENCES users (id),
        not_applicable_reason text,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (journey_id, key)
      )`);
    await q.query(`CREATE INDEX journey_tasks_owner_idx ON journey_tasks (owner_organisation_id, status)`);
    // Open tasks by deadline: overdue counts, reminders, the parent body's list of what it owes.
    await q.query(`
      CREATE INDEX journey_tasks_open_deadline_idx ON journey_tasks (COALESCE(due_at, (due_date + 1)::timestamp AT TIME ZONE 'Europe/London'))
      WHERE status NOT IN ('completed', 'not_applicable')`);

    await q.query(`
      CREATE TABLE journey_history (
        id bigserial PRIMARY KEY,
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid REFERENCES users (id),
        type text NOT NULL,
        from_phase text,
        from_state text,
        to_phase text,
        to_state text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX journey_history_journey_idx ON journey_history (journey_id, id)`);
    // Append-only: history rows can be added, never changed or removed (except with their journey).
    await q.query(`
      CREATE FUNCTION journey_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'journey_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER journey_history_no_update BEFORE UPDATE OR DELETE ON journey_history
      FOR EACH ROW EXECUTE FUNCTION journey_history_append_only()`);

    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        task_id uuid REFERENCES journey_tasks (id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('task_overdue','response_overdue','appeal','manual')),
        level integer NOT NULL CHECK (level BETWEEN 1 AND 2),
        assigned_organisation_id uuid NOT NULL REFERENCES organisations (id),
        status text NOT NULL CHECK (status IN ('open','resolved')),
        reason text NOT NULL,
        conflict_of_interest boolean NOT NULL DEFAULT false,
        opened_by_user_id uuid REFERENCES users (id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        level_since timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by_user_id uuid REFERENCES users (id),
        resolution text,
        outcome text CHECK (outcome IN ('upheld','dismissed'))
      )`);
    // At most one open escalation per journey, task and trigger.
    await q.query(`
      CREATE UNIQUE INDEX escalations_one_open_idx ON escalations
        (journey_id, COALESCE(task_id, '00000000-0000-0000-0000-000000000000'::uuid), trigger) WHERE status = 'open'`);
    await q.query(`CREATE INDEX escalations_assigned_idx ON escalations (assigned_organisation_id, status)`);
    await q.query(`CREATE INDEX escalations_open_idx ON escalations (status, opened_at)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type text NOT NULL,
        journey_id uuid REFERENCES journeys (id) ON DELETE CASCADE,
        task_id uuid REFERENCES journey_tasks (id) ON DELETE CASCADE,
        escalation_id uuid REFERENCES escalations (id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz
      )`);
    // A notification with a dedupe key (a reminder, say) reaches each user at most once.
    await q.query(`CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (dedupe_key, user_id) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE escalations`);
    await q.query(`DROP TABLE journey_history`);
    await q.query(`DROP FUNCTION journey_history_append_only()`);
    await q.query(`DROP TABLE journey_tasks`);
    await q.query(`DROP TABLE journeys`);
    await q.query(`DROP TABLE pathway_templates`);
  }
}
