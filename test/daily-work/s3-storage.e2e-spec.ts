import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const BUCKET = 'pathway-evidence';
const ACCESS_KEY = 'AKIATESTPATHWAY00001';

/**
 * The edge this test cannot reach is a real S3 service, so it stands up the smallest S3-compatible
 * object server (path-style PUT, GET and DELETE of `/<bucket>/<key>`, as MinIO and Ceph answer
 * them) and points the real API at it through S3_ENDPOINT. What is proved is Pathway's side: the
 * AWS SDK's signed requests go to the configured bucket, a file is stored under its attachment's
 * id and served back byte for byte, and a file whose record the database refuses is deleted again.
 */
function s3Server(): Promise<{ server: Server; endpoint: string; objects: Map<string, Buffer>; requests: string[] }> {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const body = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        chunks.push(c);
      });
      req.on('end', () => {
        resolve(Buffer.concat(chunks));
      });
      req.on('error', reject);
    });
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://s3.local').pathname);
      requests.push(`${req.method} ${path}`);
      // Every request the SDK makes is signed (SigV4) with the credentials of its default chain.
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('AWS4-HMAC-SHA256') || !auth.includes(`Credential=${ACCESS_KEY}/`)) {
        res.writeHead(403, { 'Content-Type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
        return;
      }
      if (!path.startsWith(`/${BUCKET}/`)) {
        res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchBucket</Code></Error>');
        return;
      }
      const key = path.slice(BUCKET.length + 2);
      if (req.method === 'PUT') {
        const data = await body(req);
        // The SDK may send a signed aws-chunked body; this server only takes plain bodies, as sent for a Buffer with its length.
        if ((req.headers['content-encoding'] ?? '').includes('aws-chunked')) {
          res.writeHead(501).end();
          return;
        }
        objects.set(key, data);
        res.writeHead(200, { ETag: '"etag"' }).end();
      } else if (req.method === 'GET') {
        const data = objects.get(key);
        if (!data) res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
        else res.writeHead(200, { 'Content-Length': data.length, 'Content-Type': 'application/octet-stream' }).end(data);
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, objects, requests });
    }),
  );
}

describe('daily work: evidence files in S3-compatible object storage (S3_BUCKET)', () => {
  let t: TestApp;
  let s3: Awaited<ReturnType<typeof s3Server>>;
  let cast: Cast;
  let path: (what: string) => string;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  beforeAll(async () => {
    s3 = await s3Server();
    process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-key-for-the-local-s3-server';
    t = await startTestApp({ env: { S3_BUCKET: BUCKET, S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true' } });
    cast = await createCast(t);
    const j = await createJourney(t, cast, { name: 'S3 evidence journey' });
    const tasks = (await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users.lead.auth).expect(200)).body.items;
    const taskId = tasks.find((x: { ownerParty: string }) => x.ownerParty === 'mutual').id;
    path = (what) => `/api/journeys/${j.id}/tasks/${taskId}/${what}`;
  });
  afterAll(async () => {
    // Optional: a failed beforeAll leaves them unset.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    await t?.close();
    await new Promise<void>((resolve) => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (s3)
        s3.server.close(() => {
          resolve();
        });
      else resolve();
    });
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  it('stores an uploaded file in the bucket under its attachment id and serves it back to parties only', async () => {
    const up = await t.http().post(path('attachments')).set(cast.users.lead.auth).attach('file', PNG, { filename: 'plan.png' }).expect(201);
    expect(up.body).toMatchObject({ kind: 'file', contentType: 'image/png', sizeBytes: PNG.length });
    expect([...s3.objects.keys()]).toEqual([up.body.id]);
    expect(Buffer.compare(s3.objects.get(up.body.id)!, PNG)).toBe(0);

    const download = await t
      .http()
      .get(`/api/attachments/${up.body.id}`)
      .set(cast.users.officer.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
        });
        res.on('end', () => {
          cb(null, Buffer.concat(chunks));
        });
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    const gets = s3.requests.filter((r) => r.startsWith('GET')).length;
    await t.http().get(`/api/attachments/${up.body.id}`).set(cast.users.outsider.auth).expect(404);
    // An outsider is refused before the store is asked.
    expect(s3.requests.filter((r) => r.startsWith('GET')).length).toBe(gets);
  });

  it('refuses a type outside the allow-list without writing to the bucket', async () => {
    const before = s3.requests.length;
    const res = await t
      .http()
      .post(path('attachments'))
      .set(cast.users.lead.auth)
      .attach('file', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]), { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(415);
    expect(s3.requests.slice(before).filter((r) => r.startsWith('PUT'))).toEqual([]);
  });

  it('deletes the stored object again when the database refuses the record', async () => {
    const db = t.app.get(DataSource);
    const keys = new Set(s3.objects.keys());
    await db.query(`ALTER TABLE task_attachments ADD CONSTRAINT test_refuse_s3 CHECK (title <> 'refuse me')`);
    try {
      const res = await t
        .http()
        .post(path('attachments'))
        .set(cast.users.lead.auth)
        .field('title', 'refuse me')
        .attach('file', PNG, { filename: 'x.png' });
      expect(res.status).toBeGreaterThanOrEqual(400);
    } finally {
      await db.query(`ALTER TABLE task_attachments DROP CONSTRAINT test_refuse_s3`);
    }
    const put = s3.requests.filter((r) => r.startsWith('PUT')).at(-1)!;
    const deleted = s3.requests.filter((r) => r.startsWith('DELETE')).map((r) => r.slice(7));
    expect(deleted).toContain(put.slice(4));
    expect(new Set(s3.objects.keys())).toEqual(keys);
  });
});
