import fc from 'fast-check';
import { ERROR_STATUS } from '@haochaping/domain';
import { DataSource } from 'typeorm';
import { ScoresService } from '../../apps/api/src/scores/scores.service';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { makeCounter, registerTransaction } from '../support/fixtures';
import { saveFigures, percentile } from '../support/figures';
import {
  parameterValue,
  SchemaArbitraries,
  type OpenApiDocument,
  type Operation,
} from '../support/openapi-arbitraries';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Fuzzing from the OpenAPI document: for every operation, requests built by fast-check from its
 * own parameter and body schemas, with hostile values mixed in (wrong types, huge and odd
 * strings, deep nesting, prototype keys, unknown fields), sent as a caller the operation admits.
 * Never a 5xx; every answer is a status the document lists for that operation, and every error
 * is in the contract's shape with a known code; the prototype of the server's objects stays
 * clean; afterwards nothing is half stored (no ticket without its rating or complaint, no link to
 * a missing photo, one rating per transaction, score counters equal to a rebuild from raw rows).
 * ≥ 10,000 cases in CI (FUZZ_CASES to change), fewer locally.
 */
const CI = process.env.CI === 'true' || process.env.CI === '1';
const TOTAL = Number(process.env.FUZZ_CASES ?? (CI ? 10_000 : 1_500));
const CODES = new Set(Object.keys(ERROR_STATUS));

/** Percent-encodes any string's UTF-8 bytes (encodeURIComponent throws on a lone surrogate). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

type Who = 'anonymous' | 'admin' | 'supervisor' | 'department' | 'window' | 'apiKey' | 'citizen';

describe('reliability: fuzzing every operation from the OpenAPI document', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  let doc: OpenApiDocument;
  const headers: Record<Who, Record<string, string>> = {} as Record<Who, Record<string, string>>;
  const samples: Record<string, string[]> = {};

  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp({
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'wx-test-secret',
      WECHAT_API_BASE: wechat.base,
      RATE_LIMIT_PER_MINUTE: '1000000',
      UPLOAD_QUOTA_MB_PER_HOUR: '100000',
    });
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const counter = await makeCounter(t);
    const admin = await t.adminToken();
    headers.anonymous = {};
    headers.admin = { Authorization: admin };
    headers.supervisor = { Authorization: await t.as('supervisor') };
    headers.department = {
      Authorization: await t.as('department', { departmentId: counter.departmentId }),
    };
    headers.window = { Authorization: counter.clerk };
    headers.citizen = { Authorization: await t.citizen(1) };
    const key = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: 'fuzz' });
    headers.apiKey = { 'X-Api-Key': key.body.key as string };

    // Objects the fuzzed ids and tokens may name: rated and unrated tokens, tickets, a photo.
    const tokens: string[] = [];
    const ticketIds: string[] = [];
    const ticketNos: string[] = [];
    for (let i = 0; i < 6; i++) {
      const tx = await registerTransaction(t, counter);
      tokens.push(tx.ratingToken);
      if (i < 2) {
        const res = await t.http
          .post('/api/ratings')
          .send({ token: tx.ratingToken, level: 1 + i, anonymous: true })
          .expect(201);
        const ticket = await t.ticket(res.body.ticketNo as string);
        ticketIds.push(String(ticket.id));
        ticketNos.push(ticket.ticketNo);
      }
    }
    // Accounts and keys the fuzzing may edit or revoke: never the callers' own (an edited
    // password or a disabled account would turn the rest of the run into 401s).
    const victim = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'fuzz-victim', password: 'correct-horse-battery', role: 'supervisor' })
      .expect(201);
    const victimKey = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: 'fuzz-victim' });
    Object.assign(samples, {
      'users:id': [String(victim.body.id), '999999'],
      'api-keys:id': [String(victimKey.body.id), '999999'],
      id: ['1', '2', '3', ...ticketIds],
      token: tokens,
      ticketNo: ticketNos,
      month: ['2026-10', '2026-11', '2025-12'],
      date: ['2026-11-18', '2026-10-01'],
      year: ['2026', '2027'],
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  /** The first caller the operation lets through (an empty request, known-good parameters). */
  async function callerFor(method: string, path: string, op: Operation): Promise<Who> {
    const candidates: Who[] = op.security?.length
      ? ['admin', 'supervisor', 'department', 'window', 'apiKey', 'citizen']
      : ['anonymous'];
    const url = path.replace(
      /\{(\w+)\}/g,
      (_m, name: string) => (samples[`${path.split('/')[2]}:${name}`] ?? samples[name])?.[0] ?? '1',
    );
    for (const who of candidates) {
      const res = await t.http[method as 'get'](url).set(headers[who]).send({});
      if (res.status !== 401 && res.status !== 403) return who;
    }
    return candidates[0];
  }

  it('never answers 5xx, stays in the contract and the document, and stores nothing half', async () => {
    const arbs = new SchemaArbitraries(doc);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    const perOperation = Math.max(20, Math.ceil(TOTAL / operations.length));
    const problems: string[] = [];
    const durations: number[] = [];
    const statuses = new Map<number, number>();
    let cases = 0;
    const started = Date.now();

    for (const { path, method, op } of operations) {
      const who = await callerFor(method, path, op);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const content = op.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const multipart = 'multipart/form-data' in content;

      const request = fc.record({
        path: fc.tuple(
          ...pathParams.map((p) => {
            const own = samples[`${path.split('/')[2]}:${p.name}`];
            // Only these for protected ids: the schema's numbers would reach the callers' own.
            return own
              ? parameterValue(arbs, { type: 'string', enum: own }, own)
              : parameterValue(arbs, p.schema, samples[p.name] ?? []);
          }),
        ),
        query: fc.array(
          fc.tuple(
            fc.constantFrom(...queryParams.map((p) => p.name), 'unknownParam'),
            fc.oneof(
              ...(queryParams.length ? queryParams : [{ name: 'x', schema: undefined }]).map((p) =>
                parameterValue(arbs, p.schema, samples[p.name] ?? []),
              ),
            ),
          ),
          { maxLength: queryParams.length + 1 },
        ),
        body: arbs.body(jsonSchema),
        file: multipart
          ? fc.option(fc.uint8Array({ maxLength: 2048 }), { nil: undefined })
          : fc.constant(undefined),
      });

      await fc
        .assert(
          fc.asyncProperty(request, async (r) => {
            cases++;
            let i = 0;
            const url =
              path.replace(/\{\w+\}/g, () => encode(r.path[i++])) +
              (r.query.length ? `?${r.query.map(([k, v]) => `${k}=${encode(v)}`).join('&')}` : '');
            let req = t.http[method as 'get'](url).set(headers[who]);
            if (r.file) {
              req = req.attach('file', Buffer.from(r.file), 'fuzz.jpg');
            } else if (method !== 'get' && r.body !== undefined) {
              req = req.set('content-type', 'application/json').send(JSON.stringify(r.body));
            }
            const begun = Date.now();
            const res = await req;
            durations.push(Date.now() - begun);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const where = `${method.toUpperCase()} ${url.slice(0, 160)} as ${who}`;
            if (res.status >= 500) {
              problems.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
              return false;
            }
            // The router answers 404 for a path segment over its 100-character limit, on any route.
            const routerNotFound = res.status === 404 && r.path.some((v) => encode(v).length > 100);
            if (!(String(res.status) in op.responses) && res.status !== 429 && !routerNotFound) {
              problems.push(`${where}: ${res.status} is not in the document`);
              return false;
            }
            if (res.status >= 400) {
              const b = res.body as { statusCode?: unknown; error?: unknown; message?: unknown };
              if (
                b.statusCode !== res.status ||
                !CODES.has(String(b.error)) ||
                typeof b.message !== 'string'
              ) {
                problems.push(
                  `${where}: error body outside the contract ${JSON.stringify(b).slice(0, 200)}`,
                );
                return false;
              }
            }
            return true;
          }),
          { numRuns: perOperation, endOnFailure: true },
        )
        .catch((error: unknown) => {
          problems.push(
            `${method.toUpperCase()} ${path}: ${String(error).split('\n').slice(0, 3).join(' ').slice(0, 400)}`,
          );
        });
      // Prototype pollution would show on every object of this process (the server runs here).
      if (({} as Record<string, unknown>).polluted !== undefined) {
        problems.push(`${method} ${path}: Object.prototype was polluted`);
      }
    }
    expect(problems.map((p) => p.slice(0, 400))).toEqual([]);

    // Nothing half stored.
    const ds = t.app.get(DataSource);
    const count = async (sql: string) => Number((await ds.query(sql))[0].n);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM tickets t LEFT JOIN ratings r ON r.id = t.ratingId
          LEFT JOIN complaints c ON c.id = t.complaintId WHERE r.id IS NULL AND c.id IS NULL`,
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM (SELECT transactionId FROM ratings GROUP BY transactionId HAVING COUNT(*) > 1) x',
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM attachment_links l LEFT JOIN attachments a ON a.id = l.attachmentId WHERE a.id IS NULL',
      ),
    ).toBe(0);
    const rollups = async () =>
      (
        await ds.query<Record<string, unknown>[]>(
          'SELECT * FROM score_rollups ORDER BY monthKey, unitType, unitId',
        )
      ).map(({ id: _id, updatedAt: _u, createdAt: _c, ...counters }) =>
        Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, String(v)])),
      );
    const incremental = await rollups();
    await t.app.get(ScoresService).rebuild();
    expect(await rollups()).toEqual(incremental);

    saveFigures('fuzz', {
      database: t.db.kind === 'sqlite' ? 'SQLite' : 'MariaDB',
      operations: operations.length,
      cases,
      perOperation,
      seconds: Math.round((Date.now() - started) / 1000),
      status5xx: [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0),
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      p99Ms: percentile(durations, 99),
    });
  }, 600_000);
});
