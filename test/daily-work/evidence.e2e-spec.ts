import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';
import { historyOf } from '../right-to-provide/support';

/** The smallest valid PNG (1×1): judged by its bytes, whatever its name says. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('daily work: evidence on tasks (comments, links, files)', () => {
  let t: TestApp;
  let cast: Cast;
  let dir: string;
  let journeyId: string;
  let taskId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pathway-files-'));
    t = await startTestApp({ env: { FILE_STORAGE_DIR: dir } });
    cast = await createCast(t);
    const j = await createJourney(t, cast, { name: 'Evidence journey' });
    journeyId = j.id;
    const tasks = (await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users.lead.auth).expect(200)).body.items;
    taskId = tasks.find((x: { ownerParty: string }) => x.ownerParty === 'mutual').id;
  });
  afterAll(() => t.close());

  const path = (what: string) => `/api/journeys/${journeyId}/tasks/${taskId}/${what}`;
  const db = () => t.app.get(DataSource);
  const rowCount = async (table: string) =>
    Number((await db().query(`SELECT count(*) AS n FROM ${table} WHERE task_id = $1`, [taskId]))[0].n);

  it('takes comments from any party of the journey, lists them oldest first, and records them in the history', async () => {
    const { lead, officer, outsider } = cast.users;
    const a = await t.http().post(path('comments')).set(lead.auth).send({ body: '  Staff list requested from HR  ' }).expect(201);
    expect(a.body).toMatchObject({
      id: expect.any(String),
      body: 'Staff list requested from HR',
      authorUserId: lead.id,
      createdAt: expect.any(String),
    });
    await t.http().post(path('comments')).set(officer.auth).send({ body: 'Sent on Friday' }).expect(201);
    const list = (await t.http().get(path('comments')).set(cast.users.commissioner.auth).expect(200)).body;
    expect(list.total).toBe(2);
    expect(list.items.map((c: { body: string }) => c.body)).toEqual(['Staff list requested from HR', 'Sent on Friday']);
    expect((await historyOf(t, lead, journeyId)).filter((h) => h.type === 'task_comment_added').map((h) => h.data.comment)).toEqual([
      'Staff list requested from HR',
      'Sent on Friday',
    ]);
    // Outsiders: 404, and nothing written.
    await t.http().post(path('comments')).set(outsider.auth).send({ body: 'x' }).expect(404);
    await t.http().get(path('comments')).set(outsider.auth).expect(404);
    expect(await rowCount('task_comments')).toBe(2);
  });

  it('refuses an empty or 10,000-character comment with 400, writing nothing', async () => {
    for (const body of [{ body: '' }, { body: '   ' }, { body: 'x'.repeat(10_000) }, {}, { body: 42 }, { body: 'ok', extra: 1 }]) {
      const res = await t.http().post(path('comments')).set(cast.users.lead.auth).send(body);
      expect([JSON.stringify(body).slice(0, 30), res.status]).toEqual([JSON.stringify(body).slice(0, 30), 400]);
      expect(Array.isArray(res.body.message)).toBe(true);
    }
    expect(await rowCount('task_comments')).toBe(2);
    await t
      .http()
      .post(`/api/journeys/${journeyId}/tasks/00000000-0000-4000-8000-000000000000/comments`)
      .set(cast.users.lead.auth)
      .send({ body: 'x' })
      .expect(404);
  });

  it('adds links (http and https only) and lists them', async () => {
    const res = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .send({ url: 'https://www.gov.uk/government/publications/fair-deal-guidance', title: 'Fair Deal guidance' })
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'link',
      title: 'Fair Deal guidance',
      url: 'https://www.gov.uk/government/publications/fair-deal-guidance',
      uploadedByUserId: cast.users.lead.id,
    });
    for (const url of ['javascript:alert(1)', 'ftp://example.com/x', 'not a url', '', 'data:text/html,hi']) {
      const bad = await t.http().post(path('attachments')).set(cast.users.lead.auth).send({ url, title: 'x' });
      expect([url, bad.status]).toEqual([url, 400]);
      expect(bad.body.message.join(' ')).toMatch(/url/);
    }
    expect(
      (await t.http().get(path('attachments')).set(cast.users.officer.auth).expect(200)).body.items.filter(
        (a: { kind: string }) => a.kind === 'link',
      ),
    ).toHaveLength(1);
  });

  it('stores files judged by content, serves them only to parties of the journey, and lists them in the history', async () => {
    const { lead, officer, outsider, otherOfficer } = cast.users;
    const png = await t
      .http()
      .post(path('attachments'))
      .set(lead.auth)
      .field('title', 'Signed letter')
      .attach('file', PNG, { filename: 'letter.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(png.body).toMatchObject({
      kind: 'file',
      title: 'Signed letter',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      url: `/api/attachments/${png.body.id}`,
    });
    const pdf = await t
      .http()
      .post(path('attachments'))
      .set(officer.auth)
      .attach('file', PDF, { filename: 'measures.pdf', contentType: 'application/octet-stream' })
      .expect(201);
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', title: 'measures.pdf' });
    const csv = await t
      .http()
      .post(path('attachments'))
      .set(lead.auth)
      .attach('file', Buffer.from('name,role\nAlex,Nurse\n'), { filename: 'staff.csv' })
      .expect(201);
    expect(csv.body.contentType).toBe('text/csv');

    const download = await t
      .http()
      .get(`/api/attachments/${png.body.id}`)
      .set(officer.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    for (const who of [outsider, otherOfficer]) await t.http().get(`/api/attachments/${png.body.id}`).set(who.auth).expect(404);
    await t.http().get(`/api/attachments/${png.body.id}`).expect(401);
    await t.http().get('/api/attachments/00000000-0000-4000-8000-000000000000').set(lead.auth).expect(404);

    expect(readdirSync(dir).sort()).toEqual([png.body.id, pdf.body.id, csv.body.id].sort());
    const history = (await historyOf(t, lead, journeyId)).filter((h) => h.type === 'task_attachment_added');
    expect(history.map((h) => h.data.attachmentTitle)).toEqual(
      expect.arrayContaining(['Signed letter', 'measures.pdf', 'staff.csv', 'Fair Deal guidance']),
    );
  });

  it('refuses a file over 20 MB (413) or of a type outside the allow-list (415), leaving nothing behind', async () => {
    const before = { files: readdirSync(dir).length, rows: await rowCount('task_attachments') };
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    const tooBig = await t.http().post(path('attachments')).set(cast.users.lead.auth).attach('file', big, { filename: 'big.txt' });
    expect(tooBig.status).toBe(413);
    const exe = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .attach('file', EXE, { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(exe.status).toBe(415);
    const html = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .attach('file', Buffer.from([0x00, 0x01, 0x02, 0x03]), { filename: 'x.png', contentType: 'image/png' });
    expect(html.status).toBe(415);
    const outsider = await t.http().post(path('attachments')).set(cast.users.outsider.auth).attach('file', PNG, { filename: 'x.png' });
    expect(outsider.status).toBe(404);
    const none = await t.http().post(path('attachments')).set(cast.users.lead.auth).field('title', 'no file');
    expect(none.status).toBe(400);
    expect({ files: readdirSync(dir).length, rows: await rowCount('task_attachments') }).toEqual(before);
  });

  it('removes the stored file when the database refuses the record', async () => {
    const before = readdirSync(dir).length;
    // A title over the database's limit passes the service only by bypassing it: force a failing insert instead.
    await db().query(`ALTER TABLE task_attachments ADD CONSTRAINT test_refuse CHECK (title <> 'refuse me')`);
    try {
      const res = await t
        .http()
        .post(path('attachments'))
        .set(cast.users.lead.auth)
        .field('title', 'refuse me')
        .attach('file', PNG, { filename: 'x.png' });
      expect(res.status).toBeGreaterThanOrEqual(400);
    } finally {
      await db().query(`ALTER TABLE task_attachments DROP CONSTRAINT test_refuse`);
    }
    expect(readdirSync(dir).length).toBe(before);
  });
});
