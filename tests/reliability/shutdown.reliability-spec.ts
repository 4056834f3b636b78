import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import sharp from 'sharp';
import { startApiProcess, remoteTestApp, type ApiProcess } from '../support/api-process';
import { saveFigures, percentile } from '../support/figures';
import { makeCounter, registerTransaction } from '../support/fixtures';

/*
 * Graceful shutdown under load: the real main.ts in its own process, 16 keep-alive clients
 * reading and rating, and one photo upload whose body is only half sent when SIGTERM arrives.
 * Every request that reached the server is answered (no 5xx, no reset), the upload completes
 * with 201, answers after the signal carry `Connection: close`, new connections are refused, and
 * the process exits 0 within the drain limit.
 */
const WORKERS = 16;

interface Outcome {
  kind: string;
  started: number;
  ms: number;
  status?: number;
  connection?: string;
  error?: string;
}

function send(
  agent: Agent,
  baseUrl: string,
  method: string,
  path: string,
  body?: object,
): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(JSON.stringify(body)) : undefined;
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** The report main.ts logs as it exits (pino JSON lines, or plain text). */
function shutdownReport(output: string): Record<string, unknown> {
  for (const line of output.split('\n')) {
    let message = line;
    try {
      const msg = (JSON.parse(line) as { msg?: unknown }).msg;
      message = typeof msg === 'string' ? msg : '';
    } catch {
      // not JSON
    }
    const at = message.indexOf('shutdown: {');
    if (at >= 0)
      return JSON.parse(message.slice(at + 'shutdown: '.length)) as Record<string, unknown>;
  }
  return {};
}

describe('reliability: graceful shutdown under load (SIGTERM to the real main.ts)', () => {
  let api: ApiProcess;
  afterAll(() => api?.destroy());

  it('drains in-flight requests, answers Connection: close, refuses no request it took, exits 0', async () => {
    api = await startApiProcess();
    const t = remoteTestApp(api.baseUrl);
    const counter = await makeCounter(t);
    const tokens: string[] = [];
    for (let i = 0; i < 120; i++) tokens.push((await registerTransaction(t, counter)).ratingToken);

    const outcomes: Outcome[] = [];
    let sigtermAt = Number.POSITIVE_INFINITY;
    let next = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });

    const worker = async (): Promise<void> => {
      for (;;) {
        const n = next++;
        const token = tokens[n % tokens.length];
        const [kind, method, path, body] =
          n % 3 === 0
            ? ['rate', 'POST', '/api/ratings', { token, level: 4 }]
            : n % 3 === 1
              ? ['form', 'GET', `/api/rating-forms/${token}`, undefined]
              : ['health', 'GET', '/api/health', undefined];
        const started = Date.now();
        try {
          const res = await send(agent, api.baseUrl, method, path, body);
          outcomes.push({
            kind,
            started,
            ms: Date.now() - started,
            status: res.status,
            connection: res.connection,
          });
        } catch (error) {
          const code = (error as { code?: string }).code ?? (error as Error).message;
          outcomes.push({ kind, started, ms: Date.now() - started, error: code });
          return; // the server is gone for this client
        }
      }
    };

    // A photo upload whose body arrives in two halves, the signal in between.
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 0, b: 11 } },
    })
      .png()
      .toBuffer();
    const boundary = 'hcpShutdownBoundary';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const half = Math.floor(multipart.length / 2);
    let uploadStarted = 0;
    let finishUpload: () => void = () => undefined;
    const upload = new Promise<{ status: number; connection?: string; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${api.baseUrl}/api/attachments`,
          {
            method: 'POST',
            agent: new Agent({ keepAlive: true }),
            headers: {
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': multipart.length,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                connection: res.headers.connection,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        req.on('error', reject);
        uploadStarted = Date.now();
        req.write(multipart.subarray(0, half));
        finishUpload = () => req.end(multipart.subarray(half));
      },
    );

    const load = Promise.all(Array.from({ length: WORKERS }, () => worker()));
    // Under load for a while (counted in answers, not time), then the signal.
    while (outcomes.length < 300) await new Promise((resolve) => setTimeout(resolve, 10));
    sigtermAt = Date.now();
    api.child.kill('SIGTERM');
    await api.waitFor(/SIGTERM: draining/);
    finishUpload();
    const uploaded = await upload;
    const exit = await api.exited;
    const exitedAfterMs = Date.now() - sigtermAt;
    await load;
    agent.destroy();

    // The upload that was half sent at the signal completed.
    expect(uploaded.status).toBe(201);
    expect(uploaded.connection).toBe('close');
    expect(uploadStarted).toBeLessThan(sigtermAt);

    // No 5xx; the only client errors are refused new connections after the listener closed.
    const answered = outcomes.filter((o) => o.status !== undefined);
    expect(answered.filter((o) => (o.status ?? 0) >= 500)).toEqual([]);
    expect(answered.filter((o) => ![200, 201, 409].includes(o.status ?? 0))).toEqual([]);
    const failed = outcomes.filter((o) => o.error !== undefined);
    expect(failed.filter((o) => o.error !== 'ECONNREFUSED')).toEqual([]);
    expect(failed.every((o) => o.started >= sigtermAt)).toBe(true);
    // Answers to requests that began after the signal told the client to close.
    const afterSignal = answered.filter((o) => o.started > sigtermAt + 50);
    expect(afterSignal.filter((o) => o.connection !== 'close')).toEqual([]);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(13_000);
    const shutdown = shutdownReport(api.output());
    expect(shutdown.cutOff).toBe(0);

    saveFigures('shutdown', {
      database: process.env.E2E_DATABASE_URL ? 'MariaDB' : 'SQLite',
      clients: WORKERS,
      requests: outcomes.length + 1,
      answered: answered.length + 1,
      answeredAfterSignal: answered.filter((o) => o.started + o.ms > sigtermAt).length + 1,
      refusedNewConnections: failed.length,
      resets: 0,
      status5xx: 0,
      inFlightAtSignal: shutdown.inFlightAtSignal,
      cutOff: shutdown.cutOff,
      drainedMs: shutdown.drainedMs,
      exitCode: exit.code,
      sigtermToExitMs: exitedAfterMs,
      p99Ms: percentile(
        answered.map((o) => o.ms),
        99,
      ),
    });
  }, 120_000);
});
