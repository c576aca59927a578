import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data fixes for states that did not tell the truth (issue 18), for databases created before them:
 * - the parent body's Right to Provide response and its review of the business case are its
 *   duties, not optional: every stored template version and every journey's task says mandatory;
 * - the business case review is completed by `approve_business_case` (template `completedOn`),
 *   and reviews still open on journeys whose business case was already approved are completed
 *   now, by Pathway (no actor), with a history row saying why.
 */
export class TruthfulTaskStates1765180000000 implements MigrationInterface {
  name = 'TruthfulTaskStates1765180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE pathway_templates p SET definition = jsonb_set(p.definition, '{tasks}', (
        SELECT jsonb_agg(
                 CASE t->>'key'
                   WHEN 'respond_to_expression_of_interest' THEN t || '{"mandatory": true}'::jsonb
                   WHEN 'review_business_case' THEN t || jsonb_build_object(
                     'mandatory', true,
                     'completedOn', (SELECT coalesce(jsonb_agg(DISTINCT e), '[]'::jsonb)
                                       FROM jsonb_array_elements(coalesce(t->'completedOn', '[]'::jsonb) || '["approve_business_case"]'::jsonb) e))
                   ELSE t END
                 ORDER BY ord)
          FROM jsonb_array_elements(p.definition->'tasks') WITH ORDINALITY AS x(t, ord)))`);
    await q.query(
      `UPDATE journey_tasks SET mandatory = true WHERE key IN ('respond_to_expression_of_interest', 'review_business_case') AND NOT mandatory`,
    );
    await q.query(`
      WITH done AS (
        UPDATE journey_tasks t SET status = 'completed', completed_at = now(), updated_at = now()
          FROM journeys j, journey_tasks old
         WHERE j.id = t.journey_id AND old.id = t.id AND t.key = 'review_business_case'
           AND t.status NOT IN ('completed', 'not_applicable') AND j.event_dates ? 'approve_business_case'
        RETURNING t.id, t.journey_id, t.key, t.title, old.status AS from_status)
      INSERT INTO journey_history (journey_id, actor_user_id, type, data)
      SELECT journey_id, NULL, 'task_updated',
             jsonb_build_object('taskId', id, 'taskKey', key, 'title', title, 'changes', jsonb_build_object('status', jsonb_build_object('from', from_status, 'to', 'completed')),
                                'automatic', true, 'cause', 'approve_business_case')
        FROM done`);
    await q.query(`
      UPDATE reminders r SET status = 'cancelled', status_reason = 'task_completed', closed_at = now()
        FROM journey_tasks t WHERE t.id = r.task_id AND t.key = 'review_business_case' AND t.status = 'completed' AND r.status = 'pending'`);
  }

  async down(): Promise<void> {
    // Data corrections: nothing to undo (the tasks were due to be completed and mandatory).
  }
}
