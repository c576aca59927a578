import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The iCalendar SEQUENCE of each task's deadline event (RFC 5545 3.8.7.4): a calendar client
 * keeps its copy of an event unless the organizer's SEQUENCE is higher. A trigger bumps it on
 * every change of what the event shows (deadline, title, status), whichever path wrote the row
 * (a task edit, a moved transfer date, an event completing tasks, a seed).
 */
export class CalendarSequence1765150000001 implements MigrationInterface {
  name = 'CalendarSequence1765150000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey_tasks ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION journey_tasks_bump_calendar_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.due_date IS DISTINCT FROM OLD.due_date OR NEW.due_at IS DISTINCT FROM OLD.due_at
           OR NEW.title IS DISTINCT FROM OLD.title OR NEW.status IS DISTINCT FROM OLD.status THEN
          NEW.calendar_sequence := OLD.calendar_sequence + 1;
        ELSE
          NEW.calendar_sequence := OLD.calendar_sequence;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journey_tasks_calendar_sequence BEFORE UPDATE ON journey_tasks
        FOR EACH ROW EXECUTE FUNCTION journey_tasks_bump_calendar_sequence()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER journey_tasks_calendar_sequence ON journey_tasks`);
    await q.query(`DROP FUNCTION journey_tasks_bump_calendar_sequence()`);
    await q.query(`ALTER TABLE journey_tasks DROP COLUMN calendar_sequence`);
  }
}
