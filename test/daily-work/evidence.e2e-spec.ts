import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createActor, createCast, createOrganisation } from '../support/fixtures';
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

  const expect400Unknown = (res: { status: number; body: { message?: string[] } }) => {
    expect(res.status).toBe(400);
    expect(res.body.message?.join(' ')).toMatch(/colour should not exist/);
  };
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
    // A file and a link in one request: refused, rather than the link silently dropped.
    const both = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .field('url', 'https://www.gov.uk/')
      .attach('file', PNG, { filename: 'x.png' });
    expect([both.status, both.body.message]).toEqual([
      400,
      ['url cannot be sent with a file: attach the file, or the link (url), one at a time'],
    ]);
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

  it('serves a task file to an adviser assigned to the journey (as it lists it to them), and not to an unassigned one', async () => {
    const provider = await createOrganisation(t, 'support_provider');
    const adviser = await createActor(t, provider.id, 'adviser');
    const otherProvider = await createOrganisation(t, 'support_provider');
    const unassigned = await createActor(t, otherProvider.id, 'adviser');
    await t
      .http()
      .put(`/api/journeys/${journeyId}/advisers`)
      .set(cast.users.staff.auth)
      .send({ organisationIds: [provider.id] })
      .expect(200);
    const own = await t
      .http()
      .post(path('attachments'))
      .set(adviser.auth)
      .attach('file', PDF, { filename: 'adviser-notes.pdf', contentType: 'application/pdf' })
      .expect(201);
    const leads = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .attach('file', PDF, { filename: 'lead.pdf' })
      .expect(201);
    const listed = (await t.http().get(path('attachments?limit=200')).set(adviser.auth).expect(200)).body.items.map(
      (a: { id: string }) => a.id,
    );
    expect(listed).toEqual(expect.arrayContaining([own.body.id, leads.body.id]));
    for (const id of [own.body.id, leads.body.id]) {
      const res = await t.http().get(`/api/attachments/${id}`).set(adviser.auth);
      expect([id, res.status]).toEqual([id, 200]);
      await t.http().get(`/api/attachments/${id}`).set(unassigned.auth).expect(404);
      await t.http().get(`/api/attachments/${id}`).set(cast.users.outsider.auth).expect(404);
    }
  });

  it('keeps a non-ASCII file name as sent (UTF-8): in the record, the history and the download header', async () => {
    const name = 'Früh évaluation – Ødegård 😀.pdf';
    const res = await t.http().post(path('attachments')).set(cast.users.lead.auth).attach('file', PDF, { filename: name }).expect(201);
    expect([res.body.fileName, res.body.title]).toEqual([name, name]);
    const history = (await historyOf(t, cast.users.lead, journeyId)).find((h) => h.data.attachmentId === res.body.id)!;
    expect(history.data.attachmentTitle).toBe(name);
    const download = await t.http().get(`/api/attachments/${res.body.id}`).set(cast.users.officer.auth).expect(200);
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Fr_h _valuation [\x20-\x7e]*\.pdf"; filename\*=/);
  });

  it('pages the attachments like the comments, refusing a bad limit or offset with 400 naming it', async () => {
    const all = (await t.http().get(path('attachments')).set(cast.users.lead.auth).expect(200)).body;
    expect(all.total).toBeGreaterThan(2);
    const page = (await t.http().get(path('attachments?limit=1&offset=1')).set(cast.users.lead.auth).expect(200)).body;
    expect(page).toEqual({ items: [all.items[1]], total: all.total });
    for (const what of ['attachments', 'comments']) {
      for (const [param, value] of [
        ['offset', '-1'],
        ['offset', '99999999999999999999'],
        ['offset', '2147483648'],
        ['limit', 'abc'],
        ['limit', '0'],
        ['limit', '201'],
      ]) {
        const res = await t
          .http()
          .get(path(`${what}?${param}=${value}`))
          .set(cast.users.lead.auth);
        expect([what, param, value, res.status]).toEqual([what, param, value, 400]);
        expect(res.body.message.join(' ')).toMatch(new RegExp(`^${param} must be a whole number from`));
      }
      expect400Unknown(
        await t
          .http()
          .get(path(`${what}?colour=blue`))
          .set(cast.users.lead.auth),
      );
    }
  });

  it('counts characters as people (and Postgres) do: 5,000 emoji are 5,000 characters, not 10,000', async () => {
    const before = await rowCount('task_comments');
    const ok = await t
      .http()
      .post(path('comments'))
      .set(cast.users.lead.auth)
      .send({ body: '😀'.repeat(5000) });
    expect([ok.status, ok.body.message]).toEqual([201, undefined]);
    const over = await t
      .http()
      .post(path('comments'))
      .set(cast.users.lead.auth)
      .send({ body: '😀'.repeat(5001) });
    expect([over.status, over.body.message]).toEqual([400, ['body must be at most 5000 characters']]);
    expect(await rowCount('task_comments')).toBe(before + 1);
    // A file's name over 200 characters becomes its title cut at a character, never inside one (no lone surrogate stored).
    const name = `${'😀'.repeat(199)}ab.pdf`;
    const file = await t.http().post(path('attachments')).set(cast.users.lead.auth).attach('file', PDF, { filename: name }).expect(201);
    expect(file.body.title).toBe(`${'😀'.repeat(199)}a`);
    const titled = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .send({ url: 'https://www.gov.uk/', title: '😀'.repeat(200) });
    expect(titled.status).toBe(201);
  });
});
