import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, fire } from '../support/journeys';
import { historyOf, openAppeal, submittedJourney } from './support';

jest.setTimeout(120_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/**
 * Issue 18 item 2: decisions carry conditions and an attachment. The parent body's decisions
 * (accept or decline the expression of interest, approve, return or refuse the business case) and
 * an escalation's resolution take `conditions` (bounded free text) and one file (multipart, the
 * task-evidence store and checks: 413, 415 by content), stored with the decision, in the history,
 * and downloadable only by parties of the journey. A refused decision leaves no file behind.
 */
describe('decisions carry conditions and an attachment', () => {
  let t: TestApp;
  let cast: Cast;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pathway-decision-files-'));
    t = await startTestApp({ env: { FILE_STORAGE_DIR: dir } });
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const db = () => t.app.get(DataSource);
  const stored = async () => ({
    files: readdirSync(dir).length,
    rows: Number((await db().query(`SELECT count(*) AS n FROM decision_attachments`))[0].n),
  });
  const decide = (journeyId: string, as: Cast['users']['officer'], type: string, fields: Record<string, string>) => {
    const req = t.http().post(`/api/journeys/${journeyId}/events`).set(as.auth).field('type', type);
    for (const [k, v] of Object.entries(fields)) void req.field(k, v);
    return req;
  };

  it('accepts an expression of interest with conditions and a file (multipart): in the history, downloadable by parties only', async () => {
    const journey = await submittedJourney(t, cast);
    const conditions = 'Subject to a staff ballot by March and the pensions admission agreement';
    const res = await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', {
      expectedVersion: String(journey.version),
      'payload[conditions]': conditions,
      'payload[governance]': 'Cabinet, 12 March, minute 7',
    }).attach('file', PDF, { filename: 'cabinet-minute.pdf' });
    expect([res.status, res.body.state]).toEqual([200, 'business_planning']);

    const row = (await historyOf(t, cast.users.lead, journey.id)).find((h) => h.type === 'accept_expression_of_interest')!;
    expect(row.data).toEqual({
      tasksCreated: 1,
      conditions,
      governance: 'Cabinet, 12 March, minute 7',
      attachment: { id: expect.any(String), fileName: 'cabinet-minute.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
    });
    const id = (row.data.attachment as { id: string }).id;
    expect(readdirSync(dir)).toContain(id);

    for (const party of [cast.users.lead, cast.users.commissioner, cast.users.departmentOfficer, cast.users.staff]) {
      const file = await t
        .http()
        .get(`/api/attachments/${id}`)
        .set(party.auth)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain('cabinet-minute.pdf');
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    }
    await t.http().get(`/api/attachments/${id}`).set(cast.users.outsider.auth).expect(404);
    await t.http().get(`/api/attachments/${id}`).set(cast.users.otherOfficer.auth).expect(404);
  });

  it('shows the decision’s conditions and file in the parent body’s inbox (the list and the request)', async () => {
    const journey = await submittedJourney(t, cast);
    const conditions = 'Subject to the pensions admission agreement';
    await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', {
      'payload[conditions]': conditions,
      'payload[governance]': 'Cabinet, 12 March, minute 7',
    })
      .attach('file', PDF, { filename: 'cabinet-minute.pdf' })
      .expect(200);
    const attachment = { id: expect.any(String), fileName: 'cabinet-minute.pdf', contentType: 'application/pdf', sizeBytes: PDF.length };
    const one = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(cast.users.officer.auth).expect(200)).body;
    expect(one.decision).toMatchObject({ type: 'accepted', conditions, attachment });
    const list = (await t.http().get('/api/right-to-provide-requests').set(cast.users.officer.auth).expect(200)).body.items;
    expect(list.find((r: { journeyId: string }) => r.journeyId === journey.id).decision).toMatchObject({ conditions, attachment });
    // A decision without either says so with null.
    const plain = await submittedJourney(t, cast);
    expect((await fire(t, plain.id, cast.users.officer, 'decline_expression_of_interest', { reasons: 'No' })).status).toBe(200);
    const declined = (await t.http().get(`/api/right-to-provide-requests/${plain.id}`).set(cast.users.officer.auth).expect(200)).body;
    expect(declined.decision).toMatchObject({ type: 'declined', conditions: null, attachment: null });
    // The OpenAPI document describes them.
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.components.schemas.RequestDecisionDto.properties)).toEqual(expect.arrayContaining(['conditions', 'attachment']));
    expect(Object.keys(doc.components.schemas.RequestAppealDto.properties)).toEqual(expect.arrayContaining(['conditions', 'attachment']));
  });

  it('takes conditions as JSON too, on a decline and on the business case decisions', async () => {
    const journey = await submittedJourney(t, cast);
    const res = await fire(t, journey.id, cast.users.officer, 'decline_expression_of_interest', {
      reasons: 'The service is being recommissioned',
      conditions: 'We would reconsider after the recommissioning review in June',
    });
    expect(res.status).toBe(200);
    const row = (await historyOf(t, cast.users.lead, journey.id)).find((h) => h.type === 'decline_expression_of_interest')!;
    expect(row.data.conditions).toBe('We would reconsider after the recommissioning review in June');
    expect(row.data.attachment).toBeUndefined();
  });

  it('refuses bad conditions and a forged attachment with 400 naming the field, changing nothing', async () => {
    const journey = await submittedJourney(t, cast);
    for (const [payload, field] of [
      [{ conditions: 'x'.repeat(5001) }, 'payload.conditions must be at most 5000 characters'],
      [{ conditions: '   ' }, 'payload.conditions must not be blank'],
      [{ conditions: 42 }, 'payload.conditions must be a string'],
      [{ conditions: 'bell\u0007' }, 'payload.conditions must not contain control characters'],
      [{ attachment: { id: '00000000-0000-4000-8000-000000000000' } }, 'property payload.attachment should not exist'],
    ] as const) {
      const res = await fire(t, journey.id, cast.users.officer, 'accept_expression_of_interest', payload);
      expect([JSON.stringify(payload).slice(0, 40), res.status]).toEqual([JSON.stringify(payload).slice(0, 40), 400]);
      expect(res.body.message.join(' ')).toContain(field);
    }
    // Conditions belong to decisions only.
    const lead = await fire(t, journey.id, cast.users.lead, 'withdraw', { reason: 'x', conditions: 'y' });
    expect(lead.status).toBe(400);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(cast.users.officer.auth).expect(200)).body.state).toBe(
      'awaiting_parent_body_response',
    );
  });

  it('refuses a __proto__, constructor or prototype payload key on a multipart decision, as JSON does, changing nothing', async () => {
    const journey = await submittedJourney(t, cast);
    const before = await stored();
    for (const [field, message] of [
      ['payload[constructor]', 'property payload.constructor should not exist'],
      ['payload[prototype]', 'property payload.prototype should not exist'],
      ['payload[__proto__][x]', 'property payload.__proto__ should not exist'],
      ['constructor', 'property constructor should not exist'],
      ['payload[conditions]', 'payload.conditions must not contain control characters'],
    ] as const) {
      const value = field === 'payload[conditions]' ? 'bell\u0007' : 'x';
      const res = await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', { [field]: value }).attach('file', PDF, {
        filename: 'minute.pdf',
      });
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.message.join(' ')).toContain(message);
    }
    expect(await stored()).toEqual(before);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(cast.users.officer.auth).expect(200)).body.state).toBe(
      'awaiting_parent_body_response',
    );
  });

  it('keeps a non-ASCII file name of a decision’s attachment as sent (UTF-8)', async () => {
    const journey = await submittedJourney(t, cast);
    const name = 'Cabinet minute – Früh.pdf';
    await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', {}).attach('file', PDF, { filename: name }).expect(200);
    const row = (await historyOf(t, cast.users.lead, journey.id)).find((h) => h.type === 'accept_expression_of_interest')!;
    const attachment = row.data.attachment as { id: string; fileName: string };
    expect(attachment.fileName).toBe(name);
    const file = await t.http().get(`/api/attachments/${attachment.id}`).set(cast.users.lead.auth).expect(200);
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
  });

  it('refuses a file over 20 MB (413), of a type outside the allow-list (415) or on an event that is not a decision (400), leaving nothing behind', async () => {
    const journey = await submittedJourney(t, cast);
    const before = await stored();
    const tooBig = await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', {}).attach(
      'file',
      Buffer.alloc(20 * 1024 * 1024 + 1, 0x20),
      { filename: 'big.txt' },
    );
    expect(tooBig.status).toBe(413);
    const exe = await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', {}).attach('file', EXE, {
      filename: 'minute.pdf',
      contentType: 'application/pdf',
    });
    expect(exe.status).toBe(415);
    const notDecision = await decide(journey.id, cast.users.lead, 'withdraw', { 'payload[reason]': 'x' }).attach('file', PDF, {
      filename: 'a.pdf',
    });
    expect(notDecision.status).toBe(400);
    expect(notDecision.body.message.join(' ')).toContain('file can be attached only to a decision');
    expect(await stored()).toEqual(before);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(cast.users.officer.auth).expect(200)).body.state).toBe(
      'awaiting_parent_body_response',
    );
  });

  it('removes the stored file when the decision itself is refused (403, 409, 404)', async () => {
    const journey = await submittedJourney(t, cast);
    const before = await stored();
    // The mutual cannot accept its own request (403); a stale version (409); an outsider (404).
    const wrongParty = await decide(journey.id, cast.users.lead, 'accept_expression_of_interest', {}).attach('file', PDF, {
      filename: 'a.pdf',
    });
    expect(wrongParty.status).toBe(403);
    const stale = await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', { expectedVersion: '1' }).attach(
      'file',
      PDF,
      {
        filename: 'a.pdf',
      },
    );
    expect(stale.status).toBe(409);
    const outsider = await decide(journey.id, cast.users.otherOfficer, 'accept_expression_of_interest', {}).attach('file', PDF, {
      filename: 'a.pdf',
    });
    expect(outsider.status).toBe(404);
    const badVersion = await decide(journey.id, cast.users.officer, 'accept_expression_of_interest', { expectedVersion: 'two' }).attach(
      'file',
      PDF,
      { filename: 'a.pdf' },
    );
    expect(badVersion.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('resolves an appeal with conditions and a file: on the escalation, in the history, for parties only', async () => {
    const journey = await submittedJourney(t, cast);
    expect((await fire(t, journey.id, cast.users.officer, 'decline_expression_of_interest', { reasons: 'No' })).status).toBe(200);
    expect((await fire(t, journey.id, cast.users.lead, 'appeal', { grounds: 'The figures show a surplus' })).status).toBe(200);
    const appeal = (await openAppeal(t, cast.users.departmentOfficer, journey.id))!;
    const conditions = 'The parent body meets the mutual’s board before deciding again';
    const before = await stored();
    // Too long first: refused, nothing left behind.
    const long = await t
      .http()
      .post(`/api/escalations/${appeal.id}/resolve`)
      .set(cast.users.departmentOfficer.auth)
      .field('resolution', 'The decision did not weigh the surplus')
      .field('outcome', 'upheld')
      .field('conditions', 'c'.repeat(5001))
      .attach('file', PDF, { filename: 'finding.pdf' });
    expect(long.status).toBe(400);
    expect(long.body.message.join(' ')).toContain('conditions must be shorter than or equal to 5000 characters');
    expect(await stored()).toEqual(before);

    const res = await t
      .http()
      .post(`/api/escalations/${appeal.id}/resolve`)
      .set(cast.users.departmentOfficer.auth)
      .field('resolution', 'The decision did not weigh the surplus')
      .field('outcome', 'upheld')
      .field('conditions', conditions)
      .attach('file', PDF, { filename: 'finding.pdf' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'resolved',
      outcome: 'upheld',
      conditions,
      attachment: { id: expect.any(String), fileName: 'finding.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
    });
    const fileId = res.body.attachment.id as string;
    const seen = (await t.http().get(`/api/escalations/${appeal.id}`).set(cast.users.lead.auth).expect(200)).body;
    expect(seen).toMatchObject({ conditions, attachment: { id: fileId } });
    const history = await historyOf(t, cast.users.lead, journey.id);
    expect(history.find((h) => h.type === 'uphold_appeal')!.data.conditions).toBe(conditions);
    expect(history.find((h) => h.type === 'escalation_resolved')!.data).toMatchObject({ conditions, attachment: { id: fileId } });
    await t.http().get(`/api/attachments/${fileId}`).set(cast.users.officer.auth).expect(200);
    await t.http().get(`/api/attachments/${fileId}`).set(cast.users.outsider.auth).expect(404);
    expect(await stored()).toEqual({ files: before.files + 1, rows: before.rows + 1 });
  });
});
