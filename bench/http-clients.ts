import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';

/** One HTTP request the clients send. */
export interface ClientRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** A burst: `requests` shared among `concurrency` clients, each sending its next one when its last has answered. */
export interface ClientsJob {
  baseUrl: string;
  token?: string;
  /** Sent with every request (a session cookie, say). */
  headers?: Record<string, string>;
  concurrency: number;
  requests: ClientRequest[];
  /** The status every answer should have (others count as failures). */
  expectStatus: number;
}

export interface ClientsResult {
  /** Per request, in ms, sorted. */
  latencies: number[];
  failures: number;
  /** The first few unexpected answers, to say why. */
  failureSamples: string[];
  seconds: number;
  /** CPU of the client process over the burst (user + system, ms). */
  cpuMs: number;
}

/**
 * The bench's HTTP clients in a child process of their own, so the API process's CPU is the API's
 * alone (the clients' is measured apart). Keep-alive connections, one per client, as a browser or
 * a service calling the API would have. `run` may be called several times; `close` ends the child.
 */
export class HttpClients {
  private readonly child: ChildProcess;
  private pending?: { resolve: (r: ClientsResult) => void; reject: (e: Error) => void };

  constructor() {
    this.child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: { result?: ClientsResult; error?: string }) => {
      const p = this.pending;
      this.pending = undefined;
      if (m.error) p?.reject(new Error(m.error));
      else if (m.result) p?.resolve(m.result);
    });
    this.child.on('exit', (code) => this.pending?.reject(new Error(`bench clients exited (${code})`)));
  }

  run(job: ClientsJob): Promise<ClientsResult> {
    if (this.pending) return Promise.reject(new Error('one burst at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(job);
    });
  }

  close(): void {
    this.child.disconnect();
  }
}

async function burst(job: ClientsJob): Promise<ClientsResult> {
  const url = new URL(job.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...job.headers };
  if (job.token) headers.authorization = `Bearer ${job.token}`;
  const send = (r: ClientRequest) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const body = r.body === undefined ? undefined : JSON.stringify(r.body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const latencies: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests.length) {
        const r = job.requests[next++];
        const t0 = process.hrtime.bigint();
        try {
          const res = await send(r);
          if (res.status !== job.expectStatus) {
            failures++;
            if (failureSamples.length < 3) failureSamples.push(`${r.method} ${r.path}: ${res.status} ${res.text.slice(0, 200)}`);
          }
        } catch (err) {
          failures++;
          if (failureSamples.length < 3) failureSamples.push(`${r.method} ${r.path}: ${(err as Error).message}`);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, failures, failureSamples, seconds, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// In the child: one burst per message from the bench.
if (require.main === module && process.send) {
  process.on('message', (job: ClientsJob) => {
    burst(job).then(
      (result) => process.send!({ result }),
      (err: unknown) => process.send!({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
