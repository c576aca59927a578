import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { adminAuth, startTestApp, type TestApp } from '../support/app';
import { createActor, createOrganisation, type Actor } from '../support/fixtures';
import { sql } from '../platform/support/test-db';
import { csrfTokenOf, PASSWORD, signedInAgent, suitePrefix } from './support';

jest.setTimeout(120_000);

const waitFor = async <T>(check: () => T | undefined, ms = 15_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Invitations and password resets by email through a real SMTP server; one-time, expiring, hashed links. */
describe('accounts: invitation and password reset links', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let org: { id: string };
  const mail: Array<{ to: string[]; raw: string }> = [];
  // The body is quoted-printable: soft line breaks (`=` at a line end) and `=3D` for `=`.
  const linkIn = (raw: string) =>
    /https:\/\/pathway\.test\/account\/set-password\?token=(?:3D)?([A-Za-z0-9_-]+)/.exec(raw.replace(/=\r?\n/g, ''))?.[1];
  const mailTo = (email: string) => mail.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          mail.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({
      env: {
        REDIS_PREFIX: suitePrefix('links'),
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PUBLIC_URL: 'https://pathway.test',
        LOG_LEVEL: process.env.LINKS_LOG_LEVEL ?? 'silent',
      },
    });
    org = await createOrganisation(t, 'mutual');
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((ok) => smtp.close(() => ok()));
  });

  const setPassword = async (token: string, password: string) => {
    const agent = request.agent(t.baseUrl);
    const page = await agent.get(`/account/set-password?token=${token}`);
    if (page.status !== 200) return page.status;
    const res = await agent
      .post('/account/set-password')
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), token, password, confirmPassword: password });
    return res.status;
  };

  it('emails a one-time invitation link valid 72 hours, stored only as a hash', async () => {
    const user = await createActor(t, org.id, 'mutual_member');
    const res = await t.http().post(`/api/users/${user.id}/invitations`).set(adminAuth).expect(201);
    expect(res.body).toMatchObject({ emailed: true, email: user.email });
    const hours = (new Date(res.body.expiresAt).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const [m] = await waitFor(() => (mailTo(user.email).length ? mailTo(user.email) : undefined));
    const token = linkIn(m.raw)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(
      await sql(`SELECT 1 FROM account_links WHERE token_hash = $1 OR token_hash LIKE $2`, [token, `%${token.slice(0, 16)}%`]),
    ).toEqual([]);

    expect(await setPassword(token, 'aaaaaaaaaaaa')).toBe(400);
    expect(await setPassword(token, 'velvet otter lantern harbour')).toBe(200);
    // Used once: the same link is refused.
    expect(await setPassword(token, 'another velvet otter lantern')).toBe(404);
    await signedInAgent(t, user.email, 'velvet otter lantern harbour');
  });

  it('sends a reset link for a known address, nothing for an unknown one, with the same answer; the reset ends every session', async () => {
    const user: Actor = await createActor(t, org.id, 'mutual_member', { password: PASSWORD });
    const session = await signedInAgent(t, user.email);
    await session.get('/').expect(200);
    const ask = async (email: string) => {
      const agent = request.agent(t.baseUrl);
      const form = await agent.get('/account/reset-password').expect(200);
      const res = await agent
        .post('/account/reset-password')
        .type('form')
        .send({ _csrf: csrfTokenOf(form.text), email });
      return {
        status: res.status,
        text: res.text
          .replace(email, 'EMAIL')
          .replace(/name="_csrf" value="[^"]+"/, '')
          .replace(/nonce="[^"]+"/g, '')
          .replace(/nonce-[^']+/g, ''),
      };
    };
    const known = await ask(user.email);
    const unknown = await ask('nobody.here@example.test');
    expect(known.status).toBe(200);
    expect(unknown).toEqual(known);
    // An address no user could have (CreateUserDto's rule) is a problem on the form, not a silent "sent".
    const malformed = await ask('nia@hove.c');
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('Enter an email address in the correct format, like name@example.gov.uk');
    const [m] = await waitFor(() => (mailTo(user.email).length ? mailTo(user.email) : undefined));
    expect(mailTo('nobody.here@example.test')).toEqual([]);
    const token = linkIn(m.raw)!;
    const [link] = await sql<{ expires_at: Date; created_at: Date }>(
      `SELECT expires_at, created_at FROM account_links WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.id],
    );
    expect(new Date(link.expires_at).getTime() - new Date(link.created_at).getTime()).toBe(3600_000);

    expect(await setPassword(token, 'a brand new long passphrase')).toBe(200);
    // The session from before the reset has ended; the old password no longer works; the new one does.
    await session.get('/').expect(302).expect('location', '/sign-in');
    await expect(signedInAgent(t, user.email, PASSWORD)).rejects.toThrow(/sign-in: 400/);
    await signedInAgent(t, user.email, 'a brand new long passphrase');
  });

  it('refuses an expired link', async () => {
    const user = await createActor(t, org.id, 'mutual_member');
    await t.http().post(`/api/users/${user.id}/invitations`).set(adminAuth).expect(201);
    const [m] = await waitFor(() => (mailTo(user.email).length ? mailTo(user.email) : undefined));
    await sql(
      `UPDATE account_links SET created_at = now() - interval '73 hours', expires_at = now() - interval '1 hour' WHERE user_id = $1`,
      [user.id],
    );
    expect(await setPassword(linkIn(m.raw)!, 'velvet otter lantern harbour')).toBe(404);
  });
});
