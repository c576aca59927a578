import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical from 'ical-generator';
import { DataSource } from 'typeorm';
import { newCalendarKey } from '@pathway/identity/secrets';
import { EnvConfig } from '@pathway/platform/config/env';
import { journeyIsActive, taskDeadline, taskIsOpen } from '@pathway/database/journey-sql';

interface FeedTask {
  id: string;
  title: string;
  status: string;
  dueDate: string | null;
  dueAt: Date | null;
  updatedAt: Date;
  sequence: number;
  journeyId: string;
  journeyName: string;
  journeyState: string;
}

/** Shape of a calendar key (users.calendar_key: 24 random bytes, base64url). */
const CALENDAR_KEY = /^[A-Za-z0-9_-]{16,128}$/;

const MAX_EVENTS = 2000;

// RFC 5545 TEXT excludes control characters other than HTAB (line breaks are escaped as \n).
// eslint-disable-next-line no-control-regex
const NOT_ICAL_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/** Text as RFC 5545 allows it: control characters stored before input was checked are dropped. */
const calendarText = (s: string) => s.replace(/\r\n?/g, '\n').replace(NOT_ICAL_TEXT, '');

/**
 * Each user's iCalendar feed of the open deadlines their organisation owns, behind the user's
 * unguessable calendar key, so deadlines show up in Outlook and other calendars. A deadline given
 * as a date is an all-day event on that date; one given as an instant is a short event at it.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: EnvConfig,
  ) {}

  /** The feed for a calendar key, or null when no active user has that key (a leaver's feed is gone). */
  async feedFor(key: string): Promise<string | null> {
    if (!CALENDAR_KEY.test(key)) return null;
    const [user]: Array<{ organisationId: string; name: string }> = await this.db.query(
      `SELECT organisation_id AS "organisationId", name FROM users WHERE calendar_key = $1 AND deactivated_at IS NULL`,
      [key],
    );
    if (!user) return null;
    const tasks: FeedTask[] = await this.db.query(
      `SELECT t.id, t.title, t.status, t.due_date AS "dueDate", t.due_at AS "dueAt", t.updated_at AS "updatedAt", t.calendar_sequence AS sequence,
              j.id AS "journeyId", j.name AS "journeyName", j.state AS "journeyState"
         FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id
        WHERE t.owner_organisation_id = $1
          AND ${taskIsOpen('t')}
          AND (t.due_at IS NOT NULL OR t.due_date IS NOT NULL)
          AND ${journeyIsActive('j')}
        ORDER BY ${taskDeadline('t')}, t.id
        LIMIT ${MAX_EVENTS}`,
      [user.organisationId],
    );
    return this.render(tasks);
  }

  render(tasks: FeedTask[]): string {
    const calendar = ical({
      name: 'Pathway deadlines',
      description: 'Open checklist deadlines your organisation owns on Pathway',
      prodId: { company: 'Pathway', product: 'deadlines', language: 'EN' },
      ttl: 3600,
    });
    const base = this.config.PUBLIC_URL?.replace(/\/$/, '');
    for (const t of tasks) {
      const onHold = t.journeyState === 'on_hold' ? ' (journey on hold)' : '';
      const common = {
        id: `task-${t.id}@pathway`,
        summary: calendarText(`Due: ${t.title} (${t.journeyName})${onHold}`),
        description: calendarText(`${t.title}\nJourney: ${t.journeyName}${onHold}\nStatus: ${t.status.replace(/_/g, ' ')}`),
        stamp: new Date(t.updatedAt),
        sequence: t.sequence,
        ...(base ? { url: `${base}/journeys/${t.journeyId}` } : {}),
      };
      if (t.dueAt) {
        const at = new Date(t.dueAt);
        calendar.createEvent({ ...common, start: at, end: new Date(at.getTime() + 15 * 60_000) });
      } else if (t.dueDate) {
        // An all-day event on the London date (a UTC-midnight Date formats as that date).
        calendar.createEvent({ ...common, allDay: true, start: new Date(`${t.dueDate}T00:00:00Z`) });
      }
    }
    // RFC 5545 3.1: every content line, the last included, ends with CRLF (ical-generator folds
    // lines at 75 octets and escapes TEXT, but leaves the final line unterminated).
    const text = calendar.toString().replace(/\r?\n/g, '\r\n');
    return text.endsWith('\r\n') ? text : `${text}\r\n`;
  }

  async keyOf(userId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT calendar_key AS key FROM users WHERE id = $1`, [userId]);
    return row.key as string;
  }

  /** A new key: the old feed URL stops working at once (for a URL shared by mistake). */
  async rotateKey(userId: string): Promise<string> {
    const key = newCalendarKey();
    await this.db.query(`UPDATE users SET calendar_key = $2 WHERE id = $1`, [userId, key]);
    return key;
  }
}
