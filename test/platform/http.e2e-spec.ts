import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createActor, createOrganisation } from '../support/fixtures';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

type Schema = { $ref?: string; type?: string; properties?: Record<string, unknown>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[] };
type Operation = {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** The HTTP surface every endpoint shares: OpenAPI docs, security headers, request ids, rate limits. */
describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('API documentation', () => {
    let doc: OpenApi;
    beforeAll(async () => {
      const res = await t.http().get('/api/docs-json').expect(200);
      doc = res.body;
    });

    it('serves Swagger UI at /api/docs without inline scripts the CSP would block', async () => {
      const res = await t.http().get('/api/docs').redirects(2).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('swagger');
      // Every script is loaded from the same origin (script-src 'self'), none inline.
      const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        if (body.trim()) expect(attrs).toMatch(/nonce=/);
        else expect(attrs).toMatch(/src=/);
      }
      const init = await t.http().get('/api/docs/swagger-ui-init.js');
      expect(init.status).toBe(200);
    });

    it('is an OpenAPI 3 document with bearer auth', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(JSON.stringify(doc)).toContain('"bearer"');
    });

    it('lists every API route the server answers', () => {
      const server = t.app.getHttpAdapter().getInstance();
      const router = server.router ?? server._router;
      const served: string[] = [];
      for (const layer of router.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>) {
        const route = layer.route;
        if (!route || typeof route.path !== 'string') continue;
        if (!(route.path.startsWith('/api/') || route.path === '/health') || route.path.startsWith('/api/docs')) continue;
        for (const method of Object.keys(route.methods)) served.push(`${method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
      }
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
      expect(served.length).toBeGreaterThanOrEqual(10);
      expect(served.filter((r) => !documented.includes(r))).toEqual([]);
      for (const contractRoute of ['post /api/organisations', 'post /api/users', 'post /api/users/{id}/tokens', 'get /health']) {
        expect(documented).toContain(contractRoute);
      }
    });

    it('gives every operation a response schema, and every operation that takes a body a request schema', () => {
      const bodyTaking = operationsTakingABody(t);
      const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop()!] : s);
      const problems: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const where = `${method.toUpperCase()} ${path}`;
          const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^2/.test(code));
          if (ok.length === 0) problems.push(`${where}: no 2xx response`);
          for (const [code, response] of ok) {
            if (code === '204') continue;
            const schemas = Object.values(response.content ?? {}).map((c) => resolve(c.schema));
            if (!schemas.some((s) => s && (s.properties || s.items || s.type || s.allOf || s.oneOf)))
              problems.push(`${where}: ${code} has no response schema`);
          }
          if (op.operationId && bodyTaking.has(op.operationId)) {
            const schemas = Object.values(op.requestBody?.content ?? {}).map((c) => resolve(c.schema));
            if (!schemas.some((s) => s && (s.properties || s.type)))
              problems.push(`${where}: takes a body but documents no request schema`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('documents the contract fields and enums of organisations and users', () => {
      const schemas = doc.components?.schemas ?? {};
      const org = schemas.CreateOrganisationDto as { properties: Record<string, { enum?: string[] }>; required?: string[] };
      expect(Object.keys(org.properties).sort()).toEqual(['bodyType', 'kind', 'name', 'nation']);
      expect(org.properties.kind.enum).toEqual([
        'mutual',
        'parent_body',
        'commissioner',
        'department',
        'arbiter',
        'cabinet_office',
        'support_provider',
      ]);
      const user = schemas.CreateUserDto as { properties: Record<string, { enum?: string[]; minLength?: number }>; required?: string[] };
      expect(Object.keys(user.properties).sort()).toEqual(['email', 'name', 'organisationId', 'password', 'role']);
      expect(user.required?.sort()).toEqual(['email', 'name', 'organisationId', 'role']);
      expect(user.properties.role.enum).toHaveLength(9);
      expect(user.properties.role.enum).toContain('adviser');
      expect(user.properties.password.minLength).toBe(12);
    });
  });

  describe('security headers', () => {
    it('sends a CSP with a fresh script nonce per response, nosniff, and no X-Powered-By', async () => {
      const a = await t.http().get('/health');
      const b = await t.http().get('/api/me').set(adminAuth);
      const nonceOf = (csp: string) => /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      for (const res of [a, b]) {
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(nonceOf(res.headers['content-security-policy'])).toBeDefined();
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBeDefined();
        expect(res.headers['strict-transport-security']).toBeDefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
      expect(nonceOf(a.headers['content-security-policy'])).not.toEqual(nonceOf(b.headers['content-security-policy']));
      expect(a.headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
    });

    it('sends them on errors too', async () => {
      const res = await t.http().get('/api/me');
      expect(res.status).toBe(401);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
    });
  });

  describe('request ids', () => {
    it('echoes a sane x-request-id and makes one up otherwise', async () => {
      const given = await t.http().get('/health').set('x-request-id', 'trace-abc_123.4');
      expect(given.headers['x-request-id']).toBe('trace-abc_123.4');
      const made = await t.http().get('/api/me').set(adminAuth);
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const other = await t.http().get('/api/me').set(adminAuth);
      expect(other.headers['x-request-id']).not.toEqual(made.headers['x-request-id']);
      const hostile = await t.http().get('/health').set('x-request-id', 'a b<script>');
      expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const onError = await t.http().get('/api/me').set('x-request-id', 'err-1');
      expect(onError.status).toBe(401);
      expect(onError.headers['x-request-id']).toBe('err-1');
    });
  });
});

describe('rate limit on token issue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 once a client issues too many tokens in a minute, and issues none then', async () => {
    const org = await createOrganisation(t, 'mutual');
    const user = await createActor(t, org.id, 'mutual_member'); // one token
    const statuses: number[] = [];
    let limited: { status: number; body: unknown; headers: Record<string, string> } | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await t
        .http()
        .post(`/api/users/${user.id}/tokens`)
        .set(adminAuth)
        .send({ label: `burst ${i}` });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    expect(limited!.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(limited!.headers['retry-after']).toBeDefined();
    // Still limited, even for a request that would otherwise be fine.
    await t.http().post(`/api/users/${user.id}/tokens`).set(adminAuth).send({}).expect(429);
    // Other endpoints are not limited by it.
    await t.http().get('/api/me').set(adminAuth).expect(200);
  });
});

/** operationIds (`Controller_method`, Nest's default) of every handler with a @Body() parameter. */
function operationsTakingABody(t: TestApp): Set<string> {
  const ids = new Set<string>();
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, unknown>;
        if (Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY))) ids.add(`${controller.name}_${method}`);
      }
    }
  }
  return ids;
}
