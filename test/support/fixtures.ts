import { randomUUID } from 'node:crypto';
import type { OrganisationKind, Role } from '@pathway/domain/vocabulary';
import { adminAuth, TestApp } from './app';

export interface Actor {
  id: string;
  email: string;
  organisationId: string;
  role: Role;
  token: string;
  auth: { Authorization: string };
  password?: string;
}

/** Creates an organisation through the API as the bootstrap admin. */
export async function createOrganisation(
  t: TestApp,
  kind: OrganisationKind,
  name = `${kind} ${randomUUID().slice(0, 8)}`,
  profile: { nation?: string; bodyType?: string } = {},
): Promise<{ id: string; name: string; kind: OrganisationKind; nation: string; bodyType: string | null }> {
  const res = await t
    .http()
    .post('/api/organisations')
    .set(adminAuth)
    .send({ name, kind, ...profile });
  if (res.status !== 201) throw new Error(`create organisation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates a user with a token (and a password when asked) through the API. */
export async function createActor(
  t: TestApp,
  organisationId: string,
  role: Role,
  options: { password?: string; name?: string } = {},
): Promise<Actor> {
  const email = `${role}.${randomUUID().slice(0, 8)}@example.test`;
  const res = await t
    .http()
    .post('/api/users')
    .set(adminAuth)
    .send({
      email,
      name: options.name ?? `${role} user`,
      organisationId,
      role,
      ...(options.password ? { password: options.password } : {}),
    });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  const tok = await t.http().post(`/api/users/${res.body.id}/tokens`).set(adminAuth).send({});
  if (tok.status !== 201) throw new Error(`create token: ${tok.status} ${JSON.stringify(tok.body)}`);
  return {
    id: res.body.id,
    email,
    organisationId,
    role,
    token: tok.body.token,
    auth: { Authorization: `Bearer ${tok.body.token}` },
    password: options.password,
  };
}

/** One organisation of every kind with one user of each role: the cast of most e2e tests. */
export async function createCast(t: TestApp) {
  const mutual = await createOrganisation(t, 'mutual');
  // A council in England: the parent body most tests have in mind (Community Right to Challenge grounds open to it).
  const parentBody = await createOrganisation(t, 'parent_body', undefined, { bodyType: 'local_authority' });
  const commissioner = await createOrganisation(t, 'commissioner');
  const department = await createOrganisation(t, 'department');
  const arbiter = await createOrganisation(t, 'arbiter');
  const central = await createOrganisation(t, 'cabinet_office');
  const outsiderMutual = await createOrganisation(t, 'mutual');
  const otherParentBody = await createOrganisation(t, 'parent_body');
  const [lead, member, officer, commissionerUser, departmentOfficer, arbiterUser, staff, admin, outsider, otherOfficer] = await Promise.all(
    [
      createActor(t, mutual.id, 'mutual_lead'),
      createActor(t, mutual.id, 'mutual_member'),
      createActor(t, parentBody.id, 'parent_body_officer'),
      createActor(t, commissioner.id, 'commissioner'),
      createActor(t, department.id, 'department_officer'),
      createActor(t, arbiter.id, 'arbiter'),
      createActor(t, central.id, 'cabinet_office_staff'),
      createActor(t, central.id, 'cabinet_office_admin'),
      createActor(t, outsiderMutual.id, 'mutual_lead'),
      createActor(t, otherParentBody.id, 'parent_body_officer'),
    ],
  );
  return {
    orgs: { mutual, parentBody, commissioner, department, arbiter, central, outsiderMutual, otherParentBody },
    users: {
      lead,
      member,
      officer,
      commissioner: commissionerUser,
      departmentOfficer,
      arbiter: arbiterUser,
      staff,
      admin,
      outsider,
      otherOfficer,
    },
  };
}
