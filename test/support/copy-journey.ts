import { Client } from 'pg';

/** What a copy changes: its name, and optionally its planned transfer date (its tasks' due dates move with it). */
export interface JourneyCopy {
  name: string;
  plannedTransferDate?: string;
}

/** The tables under journeys whose rows a copy takes along (journey_tasks apart, copied first). */
const COPIED = ['journey_history', 'journey_advisers', 'reminders', 'notifications'];

/**
 * Copies of a journey made through the API, in one SQL transaction: the journey row, its tasks
 * (new ids), and its rows in the tables under it (history, advisers, reminders, notifications),
 * task ids mapped to the copies' own. For tests about reading many journeys (lists, paging,
 * statement counts), where making each through the API would be most of the test's time and
 * none of its subject. Columns are read from the schema, so a new column is copied too; a table
 * under journeys that this does not copy, holding rows of the journey, is an error rather than
 * a copy silently missing them.
 */
export async function copyJourney(databaseUrl: string, journeyId: string, copies: JourneyCopy[]): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const columns = async (table: string) =>
      (
        await db.query<{ column_name: string; data_type: string }>(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        )
      ).rows;
    const under = (
      await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'journey_id' AND table_name <> 'journey_tasks'`,
      )
    ).rows.map((r) => r.table_name);
    for (const table of under.filter((x) => !COPIED.includes(x))) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE journey_id = $1`, [journeyId]);
      if (rows[0].n > 0) throw new Error(`copyJourney does not copy ${table}, and journey ${journeyId} has ${rows[0].n} rows there`);
    }
    await db.query('BEGIN');
    await db.query(
      `CREATE TEMP TABLE jmap ON COMMIT DROP AS
       SELECT gen_random_uuid() AS new, c.name, c.planned::date AS planned, c.n
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c (name, planned, n)`,
      [copies.map((c) => c.name), copies.map((c) => c.plannedTransferDate ?? null)],
    );
    const journeyCols = (await columns('journeys'))
      .map((c) => c.column_name)
      .filter((c) => !['id', 'name', 'planned_transfer_date'].includes(c));
    await db.query(
      `INSERT INTO journeys (id, name, planned_transfer_date, ${journeyCols.join(', ')})
       SELECT m.new, m.name, coalesce(m.planned, j.planned_transfer_date), ${journeyCols.map((c) => `j.${c}`).join(', ')}
       FROM journeys j CROSS JOIN jmap m WHERE j.id = $1`,
      [journeyId],
    );
    // Each copy's shift in days from the original's planned transfer date, for its tasks' due dates.
    await db.query(
      `CREATE TEMP TABLE tmap ON COMMIT DROP AS
       SELECT m.new AS journey, t.id AS old, gen_random_uuid() AS new, coalesce(m.planned - j.planned_transfer_date, 0) AS shift
       FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id CROSS JOIN jmap m WHERE t.journey_id = $1`,
      [journeyId],
    );
    const taskCols = (await columns('journey_tasks'))
      .map((c) => c.column_name)
      .filter((c) => !['id', 'journey_id', 'due_date', 'due_at'].includes(c));
    await db.query(
      `INSERT INTO journey_tasks (id, journey_id, due_date, due_at, ${taskCols.join(', ')})
       SELECT tm.new, tm.journey, t.due_date + tm.shift, t.due_at + make_interval(days => tm.shift), ${taskCols.map((c) => `t.${c}`).join(', ')}
       FROM journey_tasks t JOIN tmap tm ON tm.old = t.id`,
    );
    for (const table of COPIED) {
      // A serial id is the table's to give; a uuid id is a new one.
      const cols = (await columns(table)).filter((c) => !(c.column_name === 'id' && c.data_type !== 'uuid'));
      const value = ({ column_name: c, data_type }: { column_name: string; data_type: string }): string => {
        if (c === 'id' && data_type === 'uuid') return 'gen_random_uuid()';
        if (c === 'journey_id') return 'm.new';
        if (c === 'task_id') return '(SELECT tm.new FROM tmap tm WHERE tm.old = x.task_id AND tm.journey = m.new)';
        if (c === 'dedupe_key') return 'replace(x.dedupe_key, $1::text, m.new::text)';
        return `x."${c}"`;
      };
      await db.query(
        `INSERT INTO ${table} (${cols.map((c) => `"${c.column_name}"`).join(', ')})
         SELECT ${cols.map(value).join(', ')} FROM ${table} x CROSS JOIN jmap m WHERE x.journey_id = $1::uuid`,
        [journeyId],
      );
    }
    const ids = (await db.query<{ new: string }>('SELECT new FROM jmap ORDER BY n')).rows.map((r) => r.new);
    await db.query('COMMIT');
    return ids;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
