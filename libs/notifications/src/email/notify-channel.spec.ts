import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPermanentEmailFailure } from './email-channel';
import { NotifyChannel } from './notify-channel';

/**
 * The real notifications-node-client against a local stand-in for the GOV.UK Notify HTTP API:
 * only the network edge is replaced.
 */
describe('NotifyChannel', () => {
  const serviceId = '11111111-2222-3333-4444-555555555555';
  const keyId = '66666666-7777-8888-9999-000000000000';
  const apiKey = `pathway_test-${serviceId}-${keyId}`;
  const templateId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  let server: Server;
  let baseUrl: string;
  let requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: unknown }>;
  let reply: { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : null });
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    requests = [];
    reply = {
      status: 201,
      body: { id: 'f0000000-0000-0000-0000-000000000000', content: { body: '', subject: '', from_email: '' }, uri: '', template: {} },
    };
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  it('sends the subject and body as personalisation of the template, with our id as the reference', async () => {
    const channel = new NotifyChannel(apiKey, templateId, 5000, baseUrl);
    await channel.send({
      to: 'jo@example.test',
      subject: 'Overdue: Staff ballot',
      body: 'It was due yesterday.',
      reference: 'notification-1',
    });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/notifications/email');
    expect(req.body).toEqual({
      template_id: templateId,
      email_address: 'jo@example.test',
      personalisation: { subject: 'Overdue: Staff ballot', body: 'It was due yesterday.' },
      reference: 'notification-1',
    });
    // Notify's auth: a JWT signed with the key's secret, issued by the service.
    const token = String(req.headers.authorization).replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.iss).toBe(serviceId);
    expect(typeof claims.iat).toBe('number');
  });

  it('fails with Notify’s explanation when the email is refused: a 4xx is permanent (the outbox gives up)', async () => {
    reply = {
      status: 400,
      body: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Can’t send to this recipient using a team-only API key' }] },
    };
    const channel = new NotifyChannel(apiKey, templateId, 5000, baseUrl);
    await expect(channel.send({ to: 'jo@example.test', subject: 's', body: 'b', reference: 'r' })).rejects.toThrow(
      'GOV.UK Notify refused the email (400): BadRequestError: Can’t send to this recipient using a team-only API key',
    );
    const err = await channel.send({ to: 'jo@example.test', subject: 's', body: 'b', reference: 'r' }).catch((e: unknown) => e);
    expect(isPermanentEmailFailure(err)).toBe(true);
  });

  it.each([429, 500, 503])('treats a %s from Notify as transient (the outbox retries)', async (status) => {
    reply = { status, body: { status_code: status, errors: [{ error: 'Error', message: 'try later' }] } };
    const err = await new NotifyChannel(apiKey, templateId, 5000, baseUrl)
      .send({ to: 'jo@example.test', subject: 's', body: 'b', reference: 'r' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isPermanentEmailFailure(err)).toBe(false);
  });

  it('gives up on a Notify that never answers after its timeout, as a transient failure (the client has no timeout of its own)', async () => {
    const silent = createServer(() => undefined); // accepts the request and never replies
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', () => ok()));
    try {
      const started = Date.now();
      const err = await new NotifyChannel(apiKey, templateId, 300, `http://127.0.0.1:${(silent.address() as AddressInfo).port}`)
        .send({ to: 'jo@example.test', subject: 's', body: 'b', reference: 'r' })
        .catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/did not answer within 0.3 s/);
      expect(isPermanentEmailFailure(err)).toBe(false);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((ok) => silent.close(() => ok()));
    }
  });
});
