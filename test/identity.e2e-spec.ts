import { createHash, randomUUID } from 'node:crypto';
import { ORGANISATION_KINDS, ROLE_ORGANISATION_KIND, ROLES, type OrganisationKind, type Role } from '@pathway/domain/vocabulary';
import { adminAuth, startTestApp, TestApp } from './support/app';
import { Actor, createActor, createOrganisation } from './support/fixtures';
import { TEST_ADMIN_TOKEN } from './support/test-env';
import { count, sql } from './platform/support/test-db';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

const NON_ADMIN_ROLES = ROLES.filter((r) => r !== 'cabinet_office_admin');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Organisations, users and API tokens (contract: "Organisations and users"). Each describe runs
 * its own server, so the per-client rate limit on token issue never spills between them.
 */
describe('identity: who may manage organisations and users', () => {
  let t: TestApp;
  const orgs = {} as Record<OrganisationKind, { id: string; name: string }>;
  const actors = {} as Record<Role, Actor>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const kind of ORGANISATION_KINDS) orgs[kind] = await createOrganisation(t, kind);
    for (const role of ROLES) actors[role] = await createActor(t, orgs[ROLE_ORGANISATION_KIND[role]].id, role);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the bootstrap admin create an organisation, a user and a token that works', async () => {
    const org = await createOrganisation(t, 'mutual', 'Aspire Sussex');
    expect(org).toEqual({ id: expect.any(String), name: 'Aspire Sussex', kind: 'mutual', nation: 'england', bodyType: null });
    const user = await createActor(t, org.id, 'mutual_lead');
    const me = await t.http().get('/api/me').set(user.auth).expect(200);
    expect(me.body).toMatchObject({ id: user.id, role: 'mutual_lead', organisationId: org.id, organisationKind: 'mutual' });
    const boot = await t.http().get('/api/me').set(adminAuth).expect(200);
    expect(boot.body).toMatchObject({ role: 'cabinet_office_admin', organisationKind: 'cabinet_office' });
  });

  describe.each(NON_ADMIN_ROLES)('role %s', (role) => {
    const forbidden = (res: { status: number; body: unknown }) => {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    };

    it('gets 403 on POST /api/organisations and creates nothing', async () => {
      const name = `Forbidden org ${role} ${randomUUID()}`;
      forbidden(await t.http().post('/api/organisations').set(actors[role].auth).send({ name, kind: 'mutual' }));
      expect(await count('SELECT count(*) FROM organisations WHERE name = $1', [name])).toBe(0);
    });

    it('gets 403 on POST /api/users, even for their own organisation, and creates nothing', async () => {
      const email = `forbidden.${role}.${randomUUID().slice(0, 8)}@example.test`;
      const own = actors[role].organisationId;
      forbidden(await t.http().post('/api/users').set(actors[role].auth).send({ email, name: 'Nope', organisationId: own, role }));
      forbidden(
        await t.http().post('/api/users').set(actors[role].auth).send({
          email,
          name: 'Nope',
          organisationId: orgs.cabinet_office.id,
          role: 'cabinet_office_admin',
          password: 'a-long-enough-password',
        }),
      );
      expect(await count('SELECT count(*) FROM users WHERE email = $1', [email])).toBe(0);
    });

    it('gets 403 on POST /api/users/:id/tokens, even for themselves, and no token is issued', async () => {
      const before = await count('SELECT count(*) FROM api_tokens WHERE user_id = $1', [actors[role].id]);
      forbidden(await t.http().post(`/api/users/${actors[role].id}/tokens`).set(actors[role].auth).send({}));
      expect(await count('SELECT count(*) FROM api_tokens WHERE user_id = $1', [actors[role].id])).toBe(before);
    });

    it('gets 403 on GET /api/users', async () => {
      forbidden(await t.http().get('/api/users').set(actors[role].auth));
      forbidden(await t.http().get(`/api/users?organisationId=${actors[role].organisationId}`).set(actors[role].auth));
    });

    it("gets 404 on another user's tokens", async () => {
      const other = role === 'mutual_lead' ? actors.mutual_member : actors.mutual_lead;
      const res = await t.http().get(`/api/users/${other.id}/tokens`).set(actors[role].auth);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
  });

  it('lets a cabinet_office_admin who is not the bootstrap admin do all four', async () => {
    const admin = actors.cabinet_office_admin;
    const org = await t
      .http()
      .post('/api/organisations')
      .set(admin.auth)
      .send({ name: 'Made by a real admin', kind: 'parent_body' })
      .expect(201);
    const email = `made.${randomUUID().slice(0, 8)}@example.test`;
    const user = await t
      .http()
      .post('/api/users')
      .set(admin.auth)
      .send({ email, name: 'Made', organisationId: org.body.id, role: 'parent_body_officer' })
      .expect(201);
    const token = await t.http().post(`/api/users/${user.body.id}/tokens`).set(admin.auth).send({ label: 'first' }).expect(201);
    await t.http().get('/api/me').set(bearer(token.body.token)).expect(200);
    const list = await t.http().get(`/api/users?organisationId=${org.body.id}`).set(admin.auth).expect(200);
    expect(list.body).toEqual({ items: [user.body], total: 1 });
  });

  it('answers 401 on every identity endpoint without a token or with a bad one', async () => {
    const id = actors.mutual_lead.id;
    const calls = [
      () => t.http().post('/api/organisations').send({ name: 'x', kind: 'mutual' }),
      () => t.http().get('/api/organisations'),
      () => t.http().post('/api/users').send({}),
      () => t.http().get('/api/users'),
      () => t.http().post(`/api/users/${id}/tokens`).send({}),
      () => t.http().get(`/api/users/${id}/tokens`),
      () => t.http().delete(`/api/tokens/${randomUUID()}`),
      () => t.http().get('/api/me'),
    ];
    for (const call of calls) {
      for (const auth of [undefined, 'Bearer not-a-token', 'Basic dXNlcjpwYXNz', `Bearer ${TEST_ADMIN_TOKEN}x`, 'Bearer']) {
        const req = call();
        if (auth) req.set('Authorization', auth);
        const res = await req;
        expect({ auth, status: res.status }).toEqual({ auth, status: 401 });
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
    }
  });

  it('shows organisations: all to the central team, only their own to everyone else', async () => {
    const staff = await t.http().get('/api/organisations').set(actors.cabinet_office_staff.auth).expect(200);
    expect(staff.body.total).toBeGreaterThanOrEqual(ORGANISATION_KINDS.length);
    for (const role of NON_ADMIN_ROLES.filter((r) => r !== 'cabinet_office_staff')) {
      const own = actors[role].organisationId;
      const res = await t.http().get('/api/organisations').set(actors[role].auth).expect(200);
      expect(res.body).toEqual({ items: [expect.objectContaining({ id: own })], total: 1 });
      await t.http().get(`/api/organisations/${own}`).set(actors[role].auth).expect(200);
      const someoneElse = role === 'mutual_lead' || role === 'mutual_member' ? orgs.parent_body.id : orgs.mutual.id;
      await t.http().get(`/api/organisations/${someoneElse}`).set(actors[role].auth).expect(404);
    }
    await t.http().get(`/api/organisations/${orgs.mutual.id}`).set(actors.cabinet_office_staff.auth).expect(200);
  });
});

describe('identity: API tokens', () => {
  let t: TestApp;
  let a: Actor;
  let b: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    const org = await createOrganisation(t, 'mutual');
    a = await createActor(t, org.id, 'mutual_lead');
    b = await createActor(t, org.id, 'mutual_member');
  });
  afterAll(async () => {
    await t.close();
  });

  const issue = async (userId: string, label?: string) => {
    const res = await t
      .http()
      .post(`/api/users/${userId}/tokens`)
      .set(adminAuth)
      .send(label ? { label } : {})
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(String), token: expect.stringMatching(/^pwt_[A-Za-z0-9_-]{40,}$/) });
    return res.body as { id: string; token: string };
  };
  const tokenIdOf = async (user: Actor) => {
    const res = await t.http().get(`/api/users/${user.id}/tokens`).set(user.auth).expect(200);
    const own = (res.body.items as Array<{ id: string; prefix: string }>).find((i) => user.token.startsWith(i.prefix));
    return own!.id;
  };

  it('gives a fresh random token each time, shown once', async () => {
    const one = await issue(a.id, 'one');
    const two = await issue(a.id, 'two');
    expect(one.token).not.toEqual(two.token);
    expect(one.token).not.toEqual(a.token);
  });

  it('lets a user list their own tokens, without secrets', async () => {
    const extra = await issue(a.id, 'laptop');
    const res = await t.http().get(`/api/users/${a.id}/tokens`).set(a.auth).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    expect(res.body.items).toContainEqual(expect.objectContaining({ id: extra.id, label: 'laptop', revokedAt: null }));
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'label', 'lastUsedAt', 'prefix', 'revokedAt']);
    }
    expect(JSON.stringify(res.body)).not.toContain(extra.token);
    expect(JSON.stringify(res.body)).not.toContain(a.token);
  });

  it("answers 404, not 403, for another user's tokens and for a token that is not theirs", async () => {
    await t.http().get(`/api/users/${b.id}/tokens`).set(a.auth).expect(404);
    await t.http().get(`/api/users/${randomUUID()}/tokens`).set(a.auth).expect(404);
    const bTokenId = await tokenIdOf(b);
    const res = await t.http().delete(`/api/tokens/${bTokenId}`).set(a.auth);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await t.http().delete(`/api/tokens/${randomUUID()}`).set(a.auth).expect(404);
    // b's token was not touched.
    await t.http().get('/api/me').set(b.auth).expect(200);
  });

  it('lets a user revoke their own token, which is 401 at once while their others keep working', async () => {
    const spare = await issue(a.id, 'spare');
    await t.http().get('/api/me').set(bearer(spare.token)).expect(200);
    await t.http().delete(`/api/tokens/${spare.id}`).set(a.auth).expect(204);
    const res = await t.http().get('/api/me').set(bearer(spare.token));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await t.http().get('/api/me').set(a.auth).expect(200);
    const listed = await t.http().get(`/api/users/${a.id}/tokens`).set(a.auth).expect(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: spare.id, revokedAt: expect.any(String) }));
  });

  it('lets a user revoke the very token they are using', async () => {
    const self = await issue(a.id, 'self');
    await t.http().delete(`/api/tokens/${self.id}`).set(bearer(self.token)).expect(204);
    await t.http().get('/api/me').set(bearer(self.token)).expect(401);
    await t.http().get(`/api/users/${a.id}/tokens`).set(bearer(self.token)).expect(401);
  });

  it("lets the central admin list and revoke anyone's token, with effect on the next request", async () => {
    const c = await createActor(t, a.organisationId, 'mutual_member');
    await t.http().get(`/api/users/${c.id}/tokens`).set(adminAuth).expect(200);
    await t
      .http()
      .delete(`/api/tokens/${await tokenIdOf(c)}`)
      .set(adminAuth)
      .expect(204);
    await t.http().get('/api/me').set(c.auth).expect(401);
  });

  it('answers 404 when issuing a token for a user that does not exist', async () => {
    const res = await t.http().post(`/api/users/${randomUUID()}/tokens`).set(adminAuth).send({});
    expect(res.status).toBe(404);
  });
});

describe('identity: creating users', () => {
  let t: TestApp;
  const orgs = {} as Record<OrganisationKind, { id: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const kind of ORGANISATION_KINDS) orgs[kind] = await createOrganisation(t, kind);
  });
  afterAll(async () => {
    await t.close();
  });

  const newEmail = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@example.test`;

  it.each(ROLES)('rejects a %s in an organisation of the wrong kind with a 400 naming both', async (role) => {
    const expected = ROLE_ORGANISATION_KIND[role];
    for (const kind of ORGANISATION_KINDS.filter((k) => k !== expected)) {
      const email = newEmail(`mismatch.${role}`);
      const res = await t.http().post('/api/users').set(adminAuth).send({ email, name: 'Mismatch', organisationId: orgs[kind].id, role });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.any(String)] });
      expect(res.body.message[0]).toContain(role);
      expect(res.body.message[0]).toContain(expected);
      expect(res.body.message[0]).toContain(kind);
      expect(await count('SELECT count(*) FROM users WHERE email = $1', [email])).toBe(0);
    }
  });

  it.each(ROLES)(
    'creates a %s in an organisation of the right kind, answering the contract fields (and whether it is active and can sign in), no secret',
    async (role) => {
      const email = newEmail(`ok.${role}`);
      const organisationId = orgs[ROLE_ORGANISATION_KIND[role]].id;
      const res = await t
        .http()
        .post('/api/users')
        .set(adminAuth)
        .send({ email, name: `A ${role}`, organisationId, role, password: 'twelve-chars-or-more' })
        .expect(201);
      expect(res.body).toEqual({ id: expect.any(String), email, name: `A ${role}`, organisationId, role, active: true, hasPassword: true });
    },
  );

  it('answers 409 for a duplicate email, whatever its case, and keeps one user', async () => {
    const email = newEmail('dup');
    const body = { email, name: 'First', organisationId: orgs.mutual.id, role: 'mutual_member' };
    await t.http().post('/api/users').set(adminAuth).send(body).expect(201);
    for (const variant of [email, email.toUpperCase(), `  ${email}  `]) {
      const res = await t
        .http()
        .post('/api/users')
        .set(adminAuth)
        .send({ ...body, email: variant, name: 'Second' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    }
    expect(await sql('SELECT name FROM users WHERE email = $1', [email])).toEqual([{ name: 'First' }]);
  });

  it('stores emails in lower case', async () => {
    const email = newEmail('Mixed.Case');
    const res = await t
      .http()
      .post('/api/users')
      .set(adminAuth)
      .send({ email: email.toUpperCase(), name: 'Mixed', organisationId: orgs.mutual.id, role: 'mutual_member' })
      .expect(201);
    expect(res.body.email).toBe(email.toLowerCase());
  });

  it('stores a password only as a slow salted hash, and tokens only as hashes', async () => {
    const password = `pw-${randomUUID()}`;
    const email = newEmail('secret');
    const created = await t
      .http()
      .post('/api/users')
      .set(adminAuth)
      .send({ email, name: 'Secret', organisationId: orgs.mutual.id, role: 'mutual_lead', password })
      .expect(201);
    expect(JSON.stringify(created.body)).not.toContain(password);
    const samePassword = await t
      .http()
      .post('/api/users')
      .set(adminAuth)
      .send({ email: newEmail('secret2'), name: 'Secret 2', organisationId: orgs.mutual.id, role: 'mutual_member', password })
      .expect(201);
    const noPassword = await t
      .http()
      .post('/api/users')
      .set(adminAuth)
      .send({ email: newEmail('nopw'), name: 'No password', organisationId: orgs.mutual.id, role: 'mutual_member' })
      .expect(201);

    const hashes = await sql<{ id: string; password_hash: string | null }>('SELECT id, password_hash FROM users WHERE id = ANY($1)', [
      [created.body.id, samePassword.body.id, noPassword.body.id],
    ]);
    const hashOf = (id: string) => hashes.find((h) => h.id === id)!.password_hash;
    expect(hashOf(created.body.id)).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(hashOf(created.body.id)).not.toContain(password);
    expect(hashOf(samePassword.body.id)).not.toEqual(hashOf(created.body.id)); // salted
    expect(hashOf(noPassword.body.id)).toBeNull();

    const { token, id } = (
      await t.http().post(`/api/users/${created.body.id}/tokens`).set(adminAuth).send({ label: 'hash check' }).expect(201)
    ).body;
    const [row] = await sql<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [id]);
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(String(row.prefix).length).toBeLessThanOrEqual(10);

    // Nowhere in the database: neither the password, nor the new token, nor the bootstrap token.
    const tables = await sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const secret of [password, token, TEST_ADMIN_TOKEN]) {
      for (const { table_name } of tables) {
        const n = await count(`SELECT count(*) FROM "${table_name}" t WHERE t::text LIKE '%' || $1 || '%'`, [secret]);
        expect({ table_name, n }).toEqual({ table_name, n: 0 });
      }
    }
  });
});
