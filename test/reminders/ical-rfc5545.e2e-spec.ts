/** The calendar feed read back by an independent parser (ical.js), and checked line by line against RFC 5545. */
import ICAL from 'ical.js';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { createJourney, daysFromNow, type Cast } from '../support/journeys';
import { sql } from '../platform/support/test-db';
import { runPrefix } from './support';

jest.setTimeout(60_000);

describe('calendar feed (RFC 5545)', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: runPrefix('ical'), PUBLIC_URL: 'https://pathway.example.test' } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const feedOf = async () => {
    const { body } = await t.http().get('/api/me/calendar').set(cast.users.lead.auth).expect(200);
    return (await request(t.baseUrl).get(new URL(body.url).pathname).expect(200)).text;
  };
  const eventsOf = (ics: string) => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    return new Map(calendar.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]));
  };

  it('uses CRLF on every line, the last included, folds at 75 octets, escapes TEXT, and parses with ical.js', async () => {
    const name = `Gofal Cymru, Iechyd; "Cartref" \\ back-slash ${'hir iawn '.repeat(12)}`.trim();
    const journey = await createJourney(t, cast, { name, plannedTransferDate: daysFromNow(700) });
    const tasks = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200)).body.items as Array<{
      id: string;
      ownerParty: string;
      title: string;
      dependsOn: string[];
    }>;
    const task = tasks.find((x) => x.ownerParty === 'mutual' && x.dependsOn.length === 0)!;
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.lead.auth)
      .send({ dueDate: '2030-06-14' })
      .expect(200);

    const ics = await feedOf();
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    const lines = ics.slice(0, -2).split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // the long summary was folded
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('Gofal Cymru\\, Iechyd\\; "Cartref" \\\\ back-slash');

    const event = eventsOf(ics).get(`task-${task.id}@pathway`)!;
    expect(event).toBeDefined();
    expect(event.getFirstPropertyValue('summary')).toBe(`Due: ${task.title} (${name})`);
    expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2030-06-14');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('increments SEQUENCE each time the deadline moves, so calendar clients take the change', async () => {
    const journey = await createJourney(t, cast, { plannedTransferDate: daysFromNow(800) });
    const tasks = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200)).body.items as Array<{
      id: string;
      ownerParty: string;
      dependsOn: string[];
    }>;
    const task = tasks.find((x) => x.ownerParty === 'mutual' && x.dependsOn.length === 0)!;
    const sequence = async () =>
      eventsOf(await feedOf())
        .get(`task-${task.id}@pathway`)
        ?.getFirstPropertyValue('sequence');
    const first = Number(await sequence());
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.lead.auth)
      .send({ dueDate: '2031-01-10' })
      .expect(200);
    expect(await sequence()).toBe(first + 1);
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.lead.auth)
      .send({ dueAt: '2031-01-10T12:00:00Z' })
      .expect(200);
    expect(await sequence()).toBe(first + 2);
    // Saving the same deadline again is not a change.
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.lead.auth)
      .send({ dueAt: '2031-01-10T12:00:00Z' })
      .expect(200);
    expect(await sequence()).toBe(first + 2);
  });

  it('drops control characters stored before input was checked, keeping the feed valid', async () => {
    const journey = await createJourney(t, cast, { plannedTransferDate: daysFromNow(900) });
    const [task] = await sql<{ id: string }>(
      `SELECT id FROM journey_tasks WHERE journey_id = $1 AND owner_party = 'mutual' AND due_date IS NOT NULL LIMIT 1`,
      [journey.id],
    );
    await sql(`UPDATE journey_tasks SET title = 'Ring' || chr(7) || ' the ' || chr(27) || '[31m bell' WHERE id = $1`, [task.id]);
    const ics = await feedOf();
    // eslint-disable-next-line no-control-regex
    expect(ics).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    expect(eventsOf(ics).get(`task-${task.id}@pathway`)!.getFirstPropertyValue('summary')).toMatch(/^Due: Ring the \[31m bell/);
  });
});
