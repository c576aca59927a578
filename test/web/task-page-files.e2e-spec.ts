import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { Cast, createJourney } from '../support/journeys';
import { createWebCast, PASSWORD } from './support';

jest.setTimeout(60_000);

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * A task page with an uploaded file renders (it used a `filesize` filter that was never
 * registered, so the page failed for every task with a file), showing the file's size.
 */
describe('the task page with an uploaded file', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp({ env: { FILE_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'pathway-files-')) } });
    cast = await createWebCast(t, 'task files');
  });
  afterAll(() => t.close());

  it('lists the file with its size and the link beside it', async () => {
    const journey = await createJourney(t, cast, { name: 'Files journey' });
    const tasks = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200)).body.items;
    const task = tasks.find((x: { ownerParty: string }) => x.ownerParty === 'mutual');
    const base = `/api/journeys/${journey.id}/tasks/${task.id}/attachments`;
    const big = Buffer.concat([PNG, Buffer.alloc(1536 - PNG.length, 0)]);
    await t.http().post(base).set(cast.users.lead.auth).field('title', 'Staff ballot result').attach('file', big, 'ballot.png').expect(201);
    await t.http().post(base).set(cast.users.lead.auth).send({ url: 'https://www.gov.uk/', title: 'GOV.UK' }).expect(201);

    const agent = request.agent(t.baseUrl);
    const signInPage = await agent.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage.text)![1];
    await agent.post('/sign-in').type('form').send({ email: cast.users.lead.email, password: PASSWORD, _csrf: csrf }).expect(302);

    const page = await agent.get(`/journeys/${journey.id}/tasks/${task.id}`);
    expect(page.status).toBe(200);
    const html = page.text.replace(/\s+/g, ' ');
    expect(html).toMatch(/>Staff ballot result<\/a> <span class="govuk-hint govuk-!-display-inline">\(1\.5 KB\)<\/span>/);
    expect(html).toContain('href="https://www.gov.uk/" rel="noopener noreferrer">GOV.UK</a>');
  });
});
