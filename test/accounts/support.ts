import request from 'supertest';
import type { TestApp } from '../support/app';

export const PASSWORD = 'a long enough password for tests';

/** The hidden CSRF token in a page's form. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1];
}

/** A supertest agent (cookie jar) signed in through the real form; fails unless it lands on `/`. */
export async function signedInAgent(t: TestApp, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const agent = request.agent(t.baseUrl);
  const form = await agent.get('/sign-in').set(headers).expect(200);
  const res = await agent
    .post('/sign-in')
    .set(headers)
    .type('form')
    .send({ _csrf: csrfTokenOf(form.text), email, password });
  if (res.status !== 302) throw new Error(`sign-in: ${res.status} ${res.text.slice(0, 300)}`);
  return agent;
}

/** One sign-in attempt from a fresh agent: its status. */
export async function attemptSignIn(t: TestApp, email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  const agent = request.agent(t.baseUrl);
  const form = await agent.get('/sign-in').set(headers).expect(200);
  const res = await agent
    .post('/sign-in')
    .set(headers)
    .type('form')
    .send({ _csrf: csrfTokenOf(form.text), email, password });
  return res.status;
}

/** A Redis key prefix of its own for one suite (its limits and sessions never meet another's). */
export const suitePrefix = (name: string) =>
  `${process.env.TEST_REDIS_PREFIX ?? 'pathway-test'}-${name}-${Math.random().toString(36).slice(2, 7)}`;
