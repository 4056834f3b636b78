#!/usr/bin/env node
/*
 * `npm run bench`: performance figures, each against a baseline measured in the same run, written
 * to docs/benchmarks.md. Uses the built API (dist/) on a fresh SQLite file, or on MySQL/MariaDB
 * when BENCH_DATABASE_URL is set (a database the benchmark may fill and drop).
 *
 *   1. Monthly scores of all departments: the rollup read (GET /api/scores) vs a GROUP BY scan of
 *      the ratings table for the same month (what computing from raw rows costs).
 *   2. Rollup rebuild from raw rows (the repair path), for scale.
 *   3. Monthly xlsx export: peak memory of the streamed export at N and N/4 detail rows (how it
 *      grows with the rows), vs building the same detail sheet in memory with exceljs' normal writer.
 *   4. Rating ingest: autocannon (in this process) against the API started as its own process
 *      (`node dist/apps/api/main.js`), every request a distinct pre-registered token, 90 % good and
 *      10 % bad with a real-name phone; vs a bare Fastify handler (scripts/bench-ingest-baseline.js,
 *      also its own process) doing one JSON-schema-validated INSERT into a copy of the ratings
 *      table with the same indexes. Also the start-up time of the built API on a migrated database.
 *   5. Round trips of one good and one bad submission (queries counted through TypeORM's logger).
 *
 * `--only=ingest,scores,export` runs those parts alone and prints them (docs/benchmarks.md is left
 * alone); BENCH_CPU_PROF=DIR writes a CPU profile of the API under the ingest load, BENCH_API_LOG=1
 * shows the API's log (errors of a failing load) instead of discarding it.
 *
 * `--quick` (≤ 3 minutes): 20000 ratings, 5 runs, 8 s of ingest. On MySQL/MariaDB the benchmark
 * creates and drops its own databases hcp_e2e_bench, hcp_e2e_bench_ingest and hcp_e2e_bench_base
 * next to the one BENCH_DATABASE_URL names (which it never touches).
 */
const { spawn, spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const http = require('node:http');
const { URL } = require('node:url');
const os = require('node:os');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const {
  seedCentre,
  seedOrganisation,
  seedRatings,
  writeRollups,
  monthsUpTo,
  openDatabase: openSeedDatabase,
  call,
} = require('./bench-data');

const root = join(__dirname, '..');
const QUICK = process.argv.includes('--quick');
const RATINGS = Number(process.env.BENCH_RATINGS || (QUICK ? 20000 : 200000));
const RUNS = QUICK ? 5 : 15;
/** --only=ingest,scores,export: run those parts only, print, leave docs/benchmarks.md alone. */
const ONLY = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
/** The service centre of the large benchmarks (departments, windows, staff). */
const CENTRE = { departments: 300, windows: 2000, staff: 6000 };
/** Ratings in all (12 months) of the monthly-scores benchmark: the smaller and the larger size. */
const SCORE_SIZES = [
  Number(process.env.BENCH_SCORES_SMALL || (QUICK ? 100000 : 1000000)),
  Number(
    process.env.BENCH_SCORES_LARGE ||
      (QUICK ? 400000 : process.env.BENCH_DATABASE_URL ? 0 : 10000000),
  ),
].filter((n) => n > 0);
const SCORE_RUNS = 20;
/** Answers timed after the scores cache expired (each waits out its 2 s). */
const COLD_RUNS = 5;
const EXPORT_ROWS = {
  small: Number(process.env.BENCH_EXPORT_SMALL || (QUICK ? 20000 : 100000)),
  large: Number(process.env.BENCH_EXPORT_LARGE || (QUICK ? 80000 : 1000000)),
};
const INGEST = QUICK
  ? { seconds: 8, rounds: 4, warmup: 2, connections: 50, tokens: 70000 }
  : { seconds: 20, rounds: 5, warmup: 3, connections: 50, tokens: 160000 };
const SECRETS = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdefghijklmnop',
  RATING_TOKEN_SECRET: 'bench-rating-secret-0123456789abcdefghij',
};

/**
 * A temporary folder for one part's databases and files, removed when this process exits (each
 * part leaves hundreds of megabytes; the full run's 10M ratings, gigabytes). Files named in
 * `keep` stay, for the reader of the report.
 */
function tempDir(prefix, keep = []) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => {
    for (const name of readdirSync(dir)) {
      if (!keep.includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
    }
    if (keep.length === 0) rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn, runs = RUNS) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/** The URL of database `name` on the server BENCH_DATABASE_URL points at. */
function onServer(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function recreateDatabases(url, names) {
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') });
  for (const name of names) {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  }
  await conn.end();
}

async function dropDatabases(url, names) {
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') });
  for (const name of names) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.end();
}

function get(port, path) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });
}

/** Starts a server process and resolves once GET /api/health answers 200, with the time taken. */
async function startServer(args, env, port) {
  const start = Date.now();
  // BENCH_API_FLAGS: Node flags for the servers only (e.g. --max-old-space-size=160), not this process.
  const flags = process.env.BENCH_API_FLAGS ? process.env.BENCH_API_FLAGS.split(' ') : [];
  const child = spawn(process.execPath, [...flags, ...args], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', process.env.BENCH_API_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  while ((await get(port, '/api/health')) !== 200) {
    if (exited) throw new Error(`${args.join(' ')} exited before it was healthy`);
    if (Date.now() - start > 180_000) throw new Error(`${args.join(' ')} not healthy in 180 s`);
    await sleep(20);
  }
  const ms = Date.now() - start;
  return {
    ms,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** VmRSS of process pid in bytes, from /proc/<pid>/status. */
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** The API's environment for a benchmark started as its own process. */
function apiEnv(url, dir) {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    ...SECRETS,
    ADMIN_USERNAME: 'bench-admin',
    ADMIN_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    H5_DIR: '/nonexistent',
  };
}

/** Logs in as the admin, creates a supervisor, returns the supervisor's access token. */
async function supervisorToken(port) {
  const admin = await call(port, 'POST', '/api/auth/login', {
    username: 'bench-admin',
    password: 'bench-password-1',
  });
  if (admin.status !== 200 && admin.status !== 201) throw new Error(`login ${admin.status}`);
  await call(
    port,
    'POST',
    '/api/users',
    { username: 'bench-supervisor', password: 'bench-password-1', role: 'supervisor' },
    admin.body.accessToken,
  );
  const sup = await call(port, 'POST', '/api/auth/login', {
    username: 'bench-supervisor',
    password: 'bench-password-1',
  });
  if (sup.status !== 200 && sup.status !== 201) throw new Error(`supervisor login ${sup.status}`);
  return sup.body.accessToken;
}

/** Seeding progress on one line. */
const progress = (label) => (done, total) =>
  process.stdout.write(`\r${label}: ${done}/${total} ratings seeded`);

/**
 * The monthly xlsx export of `rows` detail rows, the API its own process (`node
 * dist/apps/api/main.js`), the client another (scripts/bench-data.js download) streaming the body
 * to a file: the server's peak RSS growth (VmRSS, sampled every 10 ms while the client runs, minus
 * the RSS just before) and rows per second (detail rows ÷ the client's time to the last byte).
 */
async function exportOnce(port, pid, token, month, dir, rows) {
  const file = join(dir, `export-${month}.xlsx`);
  global.gc?.();
  await sleep(200);
  const before = rssOf(pid);
  let peak = before;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // exited
    }
  }, 10);
  const client = spawn(
    process.execPath,
    [
      join(__dirname, 'bench-data.js'),
      'download',
      `http://127.0.0.1:${port}/api/exports/monthly?month=${month}&format=xlsx`,
      token,
      file,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  client.stdout.on('data', (c) => (out += c));
  await new Promise((resolve) => client.on('exit', resolve));
  clearInterval(timer);
  peak = Math.max(peak, rssOf(pid));
  const r = JSON.parse(out);
  if (r.error || r.status !== 200 || !r.complete) throw new Error(`export ${month}: ${out}`);
  return {
    mb: (peak - before) / 1048576,
    ms: r.ms,
    bytes: r.bytes,
    rowsPerS: rows / (r.ms / 1000),
    file,
  };
}

/**
 * Reads the month's detail rows from the database alone, as the export thread does (its range
 * query, its batch query, id-range batches of 1000 read as arrays, the driver only, in this
 * process): the floor under the export.
 */
async function readDetailRows(url, month) {
  const {
    AT,
    DETAIL_BATCH,
    detailSelect,
    MONTH_RANGE_PARAMS,
    MONTH_RANGE_SELECT,
    monthRangeOf,
  } = require(join(root, 'dist/apps/api/exports/detail-rows.js'));
  const db = await openDatabase(url);
  const sqlite = url.startsWith('sqlite:');
  const start = process.hrtime.bigint();
  const [row] = await db.query(
    MONTH_RANGE_SELECT,
    Array.from({ length: MONTH_RANGE_PARAMS }, () => month),
  );
  const { first, last } = monthRangeOf(row);
  let after = first - 1;
  let n = 0;
  for (;;) {
    const rows = await db.query(detailSelect(sqlite), [after, last, month], true);
    n += rows.length;
    if (rows.length < DETAIL_BATCH) break;
    after = Number(rows[rows.length - 1][AT.id]);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await db.close();
  return { rows: n, ms, rowsPerS: n / (ms / 1000) };
}

/**
 * Monthly scores at SCORE_SIZES ratings (12 months, the centre above, a real level mix, tickets
 * for the bad ones): the median of 20 GET /api/scores?by=department and by=staff for the latest
 * month against the API as its own process, vs the naive GROUP BY of that month's ratings.
 */
async function scoresBench(kind) {
  const dir = tempDir('hcp-scores-');
  const server = process.env.BENCH_DATABASE_URL;
  const url =
    kind === 'sqlite'
      ? `sqlite:${join(dir, 'api.sqlite')}`
      : onServer(server, 'hcp_e2e_bench_scores');
  if (kind !== 'sqlite') await recreateDatabases(server, ['hcp_e2e_bench_scores']);
  const env = apiEnv(url, dir);
  const port = 39100 + Math.floor(Math.random() * 800);
  const first = await startServer(['dist/apps/api/main.js'], env, port);
  await first.stop();
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  const months = monthsUpTo(month, 12);
  const db = await openSeedDatabase(url);
  const org = await seedOrganisation(db, CENTRE);
  const counters = new Map();
  const results = [];
  let seeded = 0;
  try {
    for (const size of SCORE_SIZES) {
      const seedStart = Date.now();
      const more = size - seeded;
      await seedRatings(
        db,
        org,
        months.map((m, i) => ({
          month: m,
          count: Math.floor(more / 12) + (i < more % 12 ? 1 : 0),
        })),
        counters,
        progress(`scores on ${kind}, ${size}`),
      );
      await writeRollups(db, counters);
      seeded = size;
      console.log(` in ${Date.now() - seedStart} ms`);
      const api = await startServer(['dist/apps/api/main.js'], env, port);
      try {
        const token = await supervisorToken(port);
        const read = (by) => async () => {
          const res = await call(
            port,
            'GET',
            `/api/scores?month=${month}&by=${by}`,
            undefined,
            token,
          );
          if (res.status !== 200) throw new Error(`scores ${res.status}`);
          return res.body;
        };
        await read('staff')(); // warm-up
        const scan = (unit) => () =>
          db.query(
            `SELECT ${unit}, level, channel, COUNT(*) AS n FROM ratings
              WHERE monthKey = ? AND voided = 0 AND isDefault = 0 GROUP BY ${unit}, level, channel`,
            [month],
          );
        const department = await time(read('department'), SCORE_RUNS);
        const staff = await time(read('staff'), SCORE_RUNS);
        // What the workspace loads: a page of 20 staff, best first; one department's staff.
        const staffPage = await time(read('staff&page=1&pageSize=20'), SCORE_RUNS);
        // The first answer after the cache has expired (or after any change: every rating clears
        // it): the month computed again from its rollup rows.
        const { SCORES_CACHE_MS } = require(join(root, 'dist/apps/api/scores/scores-cache'));
        const coldSamples = [];
        for (let i = 0; i < COLD_RUNS; i++) {
          await sleep(SCORES_CACHE_MS + 100);
          const start = process.hrtime.bigint();
          await read('staff&page=1&pageSize=20')();
          coldSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        const staffPageCold = median(coldSamples);
        // The first page after a rating of this month, read within the cache's life of the page
        // before it (a dashboard paging or sorting while ratings arrive): this month is computed
        // again, the month before's last places stay cached (docs/benchmarks.md, change 10).
        const tokens = await registerTokens(url, COLD_RUNS, `SCORES-${size}`);
        const afterSamples = [];
        for (const ratingToken of tokens) {
          await sleep(SCORES_CACHE_MS + 100);
          await read('staff&page=1&pageSize=20')();
          const rated = await call(port, 'POST', '/api/ratings', { token: ratingToken, level: 5 });
          if (rated.status !== 201) throw new Error(`rating ${rated.status}`);
          const start = process.hrtime.bigint();
          await read('staff&page=1&pageSize=20')();
          afterSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        const staffPageAfterRating = median(afterSamples);
        const [{ departmentId }] = (await read('staff&pageSize=1')()).rows;
        const staffOfDepartment = await time(
          read(`staff&departmentId=${departmentId}&pageSize=100`),
          SCORE_RUNS,
        );
        const departmentScan = await time(scan('departmentId'), SCORE_RUNS);
        const staffScan = await time(scan('staffId'), SCORE_RUNS);
        // The two must agree: the rollups count what the scan counts.
        const body = await read('department')();
        const rolled = body.rows.reduce((n, r) => n + r.ratings, 0);
        const counted = (await scan('departmentId')()).reduce((n, r) => n + Number(r.n), 0);
        if (rolled !== counted)
          throw new Error(`scores: ${rolled} ratings rolled up, ${counted} counted`);
        const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM ratings WHERE monthKey = ?', [
          month,
        ]);
        results.push({
          size,
          monthRatings: Number(n),
          department,
          staff,
          staffPage,
          staffPageCold,
          staffPageAfterRating,
          staffOfDepartment,
          departmentScan,
          staffScan,
        });
        // The ratings made through the API go again: the next size's rollups are written from
        // this script's own counters, which never saw them.
        await db.query(
          'DELETE FROM ratings WHERE transactionId IN (SELECT id FROM transactions WHERE transactionNo LIKE ?)',
          [`SCORES-${size}-%`],
        );
      } finally {
        await api.stop();
      }
    }
  } finally {
    await db.close();
    if (kind !== 'sqlite') await dropDatabases(server, ['hcp_e2e_bench_scores']);
  }
  return results;
}

async function exportBench(kind) {
  const dir = tempDir('hcp-export-');
  const server = process.env.BENCH_DATABASE_URL;
  const url =
    kind === 'sqlite'
      ? `sqlite:${join(dir, 'api.sqlite')}`
      : onServer(server, 'hcp_e2e_bench_export');
  if (kind !== 'sqlite') await recreateDatabases(server, ['hcp_e2e_bench_export']);
  const env = apiEnv(url, dir);
  const port = 39100 + Math.floor(Math.random() * 800);
  const first = await startServer(['dist/apps/api/main.js'], env, port);
  await first.stop();
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  // The month before the small one is rated too: each export ranks its month and the month
  // before (last places), so neither export has an empty month before it to rank for nothing.
  const [before, small] = monthsUpTo(month, 3);
  const seedStart = Date.now();
  await seedCentre(
    url,
    CENTRE,
    [
      { month: before, count: EXPORT_ROWS.small },
      { month: small, count: EXPORT_ROWS.small },
      { month, count: EXPORT_ROWS.large },
    ],
    progress(`export on ${kind}`),
  );
  console.log(` in ${Date.now() - seedStart} ms`);
  try {
    // Each size on a freshly started API, after a warm-up export of an empty month, so neither
    // figure carries the other's heap growth.
    const measure = async (m, rows) => {
      const api = await startServer(['dist/apps/api/main.js'], env, port);
      try {
        const token = await supervisorToken(port);
        await exportOnce(port, api.pid, token, '2000-01', dir, 0);
        return await exportOnce(port, api.pid, token, m, dir, rows);
      } finally {
        await api.stop();
      }
    };
    const smallRun = await measure(small, EXPORT_ROWS.small);
    const largeRun = await measure(month, EXPORT_ROWS.large);
    // exceljs must still read it (the small one: the large one would need gigabytes to load).
    const ExcelJS = require('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(smallRun.file);
    const detailRows = wb.getWorksheet('评价明细').rowCount - 1;
    if (detailRows !== EXPORT_ROWS.small)
      throw new Error(`export of ${small}: ${detailRows} detail rows, not ${EXPORT_ROWS.small}`);
    const read = await readDetailRows(url, month);
    return { smallRun, largeRun, read };
  } finally {
    if (kind !== 'sqlite') await dropDatabases(server, ['hcp_e2e_bench_export']);
  }
}

/** Opens the API's database directly: query(sql, params) → rows. */
async function openDatabase(url) {
  if (url.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('busy_timeout = 5000');
    const statements = new Map();
    return {
      /** Rows as objects, or with `raw` as arrays (as the export thread reads them). */
      query: (sql, params = [], raw = false) => {
        let st = statements.get(sql);
        if (!st) statements.set(sql, (st = db.prepare(sql)));
        return st.reader ? st.raw(raw).all(params) : (st.run(params), []);
      },
      close: () => db.close(),
    };
  }
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    timezone: 'Z',
  });
  return {
    query: async (sql, params = [], raw = false) =>
      (await conn.query({ sql, rowsAsArray: raw }, params))[0],
    close: () => conn.end(),
  };
}

/** The ratings table of the API's database, its indexes included, created in the baseline's. */
async function copyRatingsTable(fromUrl, toUrl) {
  const from = await openDatabase(fromUrl);
  const to = await openDatabase(toUrl);
  if (fromUrl.startsWith('sqlite:')) {
    const ddl = await from.query(
      "SELECT sql FROM sqlite_master WHERE tbl_name = 'ratings' AND sql IS NOT NULL ORDER BY type DESC",
    );
    // foreign_keys stays off in the baseline: no transactions table to point at.
    for (const { sql } of ddl) await to.query(sql);
  } else {
    const [row] = await from.query('SHOW CREATE TABLE ratings');
    const ddl = row['Create Table']
      .split('\n')
      .filter((line) => !/^\s*CONSTRAINT .* FOREIGN KEY/.test(line))
      .join('\n')
      .replace(/,\n\)/, '\n)');
    await to.query(ddl);
  }
  await from.close();
  await to.close();
}

/** Registers n transactions of the demo staff straight in the database; returns their tokens. */
async function registerTokens(url, n, prefix = 'INGEST') {
  const { RatingTokenService } = require(
    join(root, 'dist/apps/api/transactions/rating-token.service'),
  );
  const { loadConfig } = require(join(root, 'dist/apps/api/config/app-config'));
  const tokens = new RatingTokenService(loadConfig({ DATA_DIR: tmpdir(), ...SECRETS }));
  const db = await openDatabase(url);
  const sqlite = url.startsWith('sqlite:');
  const staff = await db.query('SELECT id, departmentId, windowId FROM staff');
  const [item] = await db.query('SELECT id FROM service_items LIMIT 1');
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const expires = new Date(now.getTime() + 7 * 86400e3);
  const stamp = (d) => (sqlite ? d.toISOString().replace('T', ' ').slice(0, 23) : d);
  const month = new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 7);
  for (let offset = 0; offset < n; offset += 500) {
    const rows = [];
    const params = [];
    for (let i = offset; i < Math.min(n, offset + 500); i++) {
      const s = staff[i % staff.length];
      rows.push('(?,?,?,?,?,?,?,?,?,?,?)');
      params.push(
        `${prefix}-${i}`,
        item.id,
        s.departmentId,
        s.windowId,
        s.id,
        stamp(now),
        month,
        'person',
        stamp(expires),
        stamp(now),
        stamp(now),
      );
    }
    await db.query(
      `INSERT INTO transactions (transactionNo, serviceItemId, departmentId, windowId, staffId, finishedAt, finishedMonth, applicantType, tokenExpiresAt, createdAt, updatedAt) VALUES ${rows.join(',')}`,
      params,
    );
  }
  const ids = await db.query('SELECT id FROM transactions WHERE transactionNo LIKE ? ORDER BY id', [
    `${prefix}-%`,
  ]);
  await db.close();
  return ids.map((r) => tokens.sign(Number(r.id), expires));
}

/** Request body i: 9 good ratings in 10, the 10th a real-name bad rating (a ticket). */
function body(token, i) {
  return JSON.stringify(
    i % 10 === 9
      ? {
          token,
          level: 1,
          comment: '等了很久，材料也被退回两次',
          anonymous: false,
          contactPhone: '13812348000',
          channel: 'window_qr',
        }
      : { token, level: 5, tags: [], anonymous: false, channel: 'window_qr' },
  );
}

/**
 * autocannon against POST /api/ratings on one server: `warm(seconds)` once, then measured
 * `round(seconds)`s. tokenOf(i) is the token of request i, null when there are no more (then the
 * last ones repeat: reported); the count goes on across rounds, so no token is sent twice.
 */
function loader(port, tokenOf) {
  const autocannon = require('autocannon');
  let next = 0;
  let reused = false;
  const run = (seconds) =>
    autocannon({
      url: `http://127.0.0.1:${port}/api/ratings`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: INGEST.connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (req) => {
            const i = next++;
            if (tokenOf(i) === null) reused = true;
            return { ...req, body: body(tokenOf(i) ?? tokenOf(i % 1000), i) };
          },
        },
      ],
    });
  return {
    warm: (seconds) => run(seconds),
    async round(seconds) {
      const before = next;
      const r = await run(seconds);
      return {
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts + r.non2xx,
        statusCodes: r.statusCodeStats ?? {},
        requests: next - before,
        reused,
      };
    },
  };
}

/** Rounds of one server summed up: throughput over all, median p50 and p99, every error. */
function summary(rounds) {
  const codes = new Map();
  for (const r of rounds) {
    for (const [code, { count }] of Object.entries(r.statusCodes)) {
      if (code !== '201') codes.set(code, (codes.get(code) ?? 0) + count);
    }
  }
  return {
    rps: rounds.reduce((sum, r) => sum + r.rps, 0) / rounds.length,
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    codes: [...codes].map(([code, n]) => `${code}×${n}`),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    reused: rounds.some((r) => r.reused),
    rounds: rounds.map((r) => Math.round(r.rps)),
  };
}

async function ingestBench(kind) {
  const dir = tempDir('hcp-ingest-');
  const server = process.env.BENCH_DATABASE_URL;
  const fullUrl =
    kind === 'sqlite'
      ? `sqlite:${join(dir, 'api.sqlite')}`
      : onServer(server, 'hcp_e2e_bench_ingest');
  const baseUrl =
    kind === 'sqlite'
      ? `sqlite:${join(dir, 'base.sqlite')}`
      : onServer(server, 'hcp_e2e_bench_base');
  if (kind !== 'sqlite')
    await recreateDatabases(server, ['hcp_e2e_bench_ingest', 'hcp_e2e_bench_base']);
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: fullUrl,
    DATA_DIR: dir,
    DEMO_DATA: 'true',
    ...SECRETS,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    H5_DIR: '/nonexistent',
  };
  const api = ['dist/apps/api/main.js'];
  const port = 39100 + Math.floor(Math.random() * 800);
  process.stdout.write(`ingest on ${kind}: first start (migrations, demo data)…`);
  const first = await startServer(api, env, port);
  await first.stop();
  const tokens = await registerTokens(fullUrl, INGEST.tokens);
  await copyRatingsTable(fullUrl, baseUrl);
  // Start-up on a built tree whose migrations are applied: spawn to a healthy /api/health.
  const starts = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const s = await startServer(api, env, port);
    starts.push(s.ms);
    await s.stop();
  }
  const startMs = median(starts);
  console.log(` start-up ${startMs} ms; loading…`);
  // BENCH_CPU_PROF=DIR: a V8 CPU profile of the API under the measured load, written on exit.
  const profile = process.env.BENCH_CPU_PROF;
  const apiProcess = await startServer(
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...api] : api,
    env,
    port,
  );
  // The baseline does not verify tokens: a distinct transaction id in each.
  const baseline = await startServer(
    ['scripts/bench-ingest-baseline.js'],
    { BASE_DB: baseUrl },
    port + 1,
  );
  const apiLoad = loader(port, (i) => tokens[i] ?? null);
  // Transaction ids in base 36, as in a token; unbounded, however fast the baseline goes.
  const baseLoad = loader(port + 1, (i) => `${(1_000_000 + i).toString(36)}.x.${'a'.repeat(22)}`);
  await apiLoad.warm(INGEST.warmup);
  await baseLoad.warm(INGEST.warmup);
  // Rounds alternated (API, baseline, baseline, API, …): this shared machine's speed drifts
  // within a minute, and each pair of rounds sees the same machine. The two servers idle while
  // the other one is loaded.
  const locks = kind === 'sqlite' ? null : await rowLockWaits(server);
  const fullRounds = [];
  const baseRounds = [];
  for (let i = 0; i < INGEST.rounds; i++) {
    const order = i % 2 === 0 ? [apiLoad, baseLoad] : [baseLoad, apiLoad];
    for (const side of order) {
      const r = await side.round(INGEST.seconds / INGEST.rounds);
      (side === apiLoad ? fullRounds : baseRounds).push(r);
    }
  }
  const full = summary(fullRounds);
  const base = summary(baseRounds);
  // The baseline's INSERTs of a table of its own wait on no row lock of the API's tables.
  if (locks) full.lockWaits = (await rowLockWaits(server)).minus(locks);
  full.ratios = fullRounds.map((r, i) => r.rps / baseRounds[i].rps);
  await apiProcess.stop();
  await baseline.stop();
  if (kind !== 'sqlite')
    await dropDatabases(server, ['hcp_e2e_bench_ingest', 'hcp_e2e_bench_base']);
  return { full, base, startMs, starts };
}

/** InnoDB's row-lock wait counters (server-wide), to tell lock waits on hot rows from CPU. */
async function rowLockWaits(url) {
  const db = await openDatabase(url);
  const rows = await db.query("SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_%'");
  await db.close();
  const value = (name) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
  const waits = value('Innodb_row_lock_waits');
  const ms = value('Innodb_row_lock_time');
  return {
    waits,
    ms,
    minus: (before) => ({ waits: waits - before.waits, ms: ms - before.ms }),
  };
}

/** Database server version, for the record. */
async function databaseVersion(ds, kind) {
  if (kind === 'sqlite') {
    const [{ v }] = await ds.query('SELECT sqlite_version() AS v');
    return `SQLite ${v}`;
  }
  const [{ v }] = await ds.query('SELECT VERSION() AS v');
  return String(v);
}

/** Every query of one POST /api/ratings, counted through TypeORM's logger. */
async function roundTrips(app, ds, http, bad) {
  const { RatingTokenService } = require(
    join(root, 'dist/apps/api/transactions/rating-token.service'),
  );
  const tokens = app.get(RatingTokenService);
  const [s] = await ds.query('SELECT id, departmentId, windowId FROM staff LIMIT 1');
  const [item] = await ds.query('SELECT id FROM service_items LIMIT 1');
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const expires = new Date(now.getTime() + 7 * 86400e3);
  const sqlite = ds.options.type === 'better-sqlite3';
  const stamp = (d) => (sqlite ? d.toISOString().replace('T', ' ').slice(0, 23) : d);
  const no = `TRIPS-${bad ? 'bad' : 'good'}-${Date.now()}`;
  await ds.query(
    'INSERT INTO transactions (transactionNo, serviceItemId, departmentId, windowId, staffId, finishedAt, finishedMonth, applicantType, tokenExpiresAt, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    [
      no,
      item.id,
      s.departmentId,
      s.windowId,
      s.id,
      stamp(now),
      new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 7),
      'person',
      stamp(expires),
      stamp(now),
      stamp(now),
    ],
  );
  const [{ id }] = await ds.query('SELECT id FROM transactions WHERE transactionNo = ?', [no]);
  const queries = [];
  const logger = ds.logger;
  const original = logger.logQuery;
  logger.logQuery = (query) => queries.push(query);
  const res = await http.post('/api/ratings').send(
    bad
      ? {
          token: tokens.sign(Number(id), expires),
          level: 1,
          comment: '等了很久',
          contactPhone: '13812348000',
        }
      : { token: tokens.sign(Number(id), expires), level: 5 },
  );
  logger.logQuery = original;
  if (res.status !== 201) throw new Error(`rating ${res.status} ${JSON.stringify(res.body)}`);
  const control = queries.filter((q) =>
    /^(BEGIN|START TRANSACTION|COMMIT|SAVEPOINT|RELEASE)/i.test(q),
  ).length;
  const writes = queries.filter((q) => /^(INSERT|UPDATE|DELETE)/i.test(q)).length;
  return {
    total: queries.length,
    reads: queries.length - control - writes,
    writes,
    control,
    queries,
  };
}

const ms = (v) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
const mb = (v) => `${Math.max(v, 0).toFixed(0)} MB`;
const thousands = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** Table rows of the monthly-scores benchmark: one per size and unit type. */
function scoreRows(results) {
  const largest = results[results.length - 1];
  return results.flatMap((r) =>
    [
      ['department', 'department', '300 departments', r.department, r.departmentScan],
      ['staff', 'staff', '6,000 staff', r.staff, r.staffScan],
      [
        'staff',
        'staff&page=1&pageSize=20',
        'the first page of 20, as the workspace loads it',
        r.staffPage,
        r.staffScan,
      ],
      [
        'staff',
        'staff&departmentId=…&pageSize=100',
        "one department's 20 staff",
        r.staffOfDepartment,
        r.staffScan,
      ],
      [
        'staff',
        'staff&page=1&pageSize=20',
        'the first page after the cache expired: the month computed again, as after any change',
        r.staffPageCold,
        r.staffScan,
        COLD_RUNS,
      ],
      [
        'staff',
        'staff&page=1&pageSize=20',
        "the first page after a rating of this month, read within the cache's life of the page before: the month before's last places still cached",
        r.staffPageAfterRating,
        r.staffScan,
        COLD_RUNS,
      ],
    ].map(([by, query, units, api, scan, runs = SCORE_RUNS]) => [
      `Monthly scores by ${by} (GET /api/scores?by=${query}, ${units}), ${thousands(r.size)} ratings over 12 months`,
      `${ms(api)} (median of ${runs})`,
      `naive GROUP BY ${by} of the month's ${r.monthRatings} ratings: ${ms(scan)}`,
      `${scan >= api ? `${(scan / api).toFixed(1)}× faster` : `${(api / scan).toFixed(1)}× slower`} than the scan (goal < 20 ms at every size${r === largest && r.size >= 1e7 ? ', ≥ 20× faster at 10M' : ''})`,
    ]),
  );
}

/** Table rows of the export benchmark. */
function exportRows({ smallRun, largeRun, read }) {
  const run = (r, rows) =>
    `${thousands(rows)} detail rows: peak RSS growth ${mb(r.mb)}, ${Math.round(r.rowsPerS)} rows/s (${(r.ms / 1000).toFixed(1)} s, ${(r.bytes / 1048576).toFixed(0)} MB file)`;
  return [
    [
      'Monthly xlsx export streamed to a file by a client process (API its own process; RSS from /proc)',
      run(largeRun, EXPORT_ROWS.large),
      `${run(smallRun, EXPORT_ROWS.small)}; reading the ${thousands(EXPORT_ROWS.large)} rows from the database alone: ${Math.round(read.rowsPerS)} rows/s`,
      `memory ${(largeRun.mb / Math.max(smallRun.mb, 1)).toFixed(2)}× the ${thousands(EXPORT_ROWS.small)} figure, ${(largeRun.rowsPerS / read.rowsPerS).toFixed(2)}× the read alone (goal < 200 MB, ≤ 1.2×, ≥ 50000 rows/s)`,
    ],
  ];
}

async function main() {
  const { createApp } = require(join(root, 'dist/apps/api/app.factory'));
  const { loadConfig } = require(join(root, 'dist/apps/api/config/app-config'));
  const { DataSource } = require('typeorm');
  const request = require('supertest');

  const server = process.env.BENCH_DATABASE_URL;
  const kind = server ? server.split(':')[0] : 'sqlite';
  if (ONLY) {
    if (ONLY.includes('scores')) console.log(await scoresBench(kind));
    if (ONLY.includes('export')) console.log(JSON.stringify(await exportBench(kind), null, 1));
    if (ONLY.includes('ingest')) console.log(JSON.stringify(await ingestBench(kind), null, 1));
    return;
  }
  // First, while nothing else runs in this process: the ingest load test, the monthly scores and
  // the export (each with the API as its own process).
  const ingest = await ingestBench(kind);
  const scores = await scoresBench(kind);
  const exported = await exportBench(kind);

  const dir = tempDir('hcp-bench-', ['round-trips.txt']);
  if (server) await recreateDatabases(server, ['hcp_e2e_bench']);
  const databaseUrl = server
    ? onServer(server, 'hcp_e2e_bench')
    : `sqlite:${join(dir, 'bench.sqlite')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    DEMO_DATA: 'true',
    ...SECRETS,
    ADMIN_USERNAME: 'bench-admin',
    ADMIN_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    H5_DIR: '/nonexistent',
  });
  const app = await createApp(config);
  const ds = app.get(DataSource);
  const http = request(app.getHttpServer());
  const month = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const smallMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;

  // Seed: transactions and ratings of the demo centre's staff, in 1000-row statements.
  const staff = await ds.query('SELECT id, departmentId, windowId FROM staff');
  const [item] = await ds.query('SELECT id FROM service_items LIMIT 1');
  const now = new Date();
  const stamp =
    config.database.kind === 'sqlite' ? now.toISOString().replace('T', ' ').slice(0, 23) : now;
  process.stdout.write(`seeding ${RATINGS} transactions and ratings on ${config.database.kind}…`);
  const seedStart = Date.now();
  const channels = ['window_qr', 'miniapp', 'tablet', 'web', 'sms', 'hotline'];
  const TOTAL = RATINGS + RATINGS / 4;
  for (let offset = 0; offset < TOTAL; offset += 1000) {
    const n = Math.min(1000, TOTAL - offset);
    const rowMonth = offset < RATINGS ? month : smallMonth;
    const tx = [];
    const txParams = [];
    for (let i = 0; i < n; i++) {
      const s = staff[(offset + i) % staff.length];
      tx.push('(?,?,?,?,?,?,?,?,?,?,?)');
      txParams.push(
        `BENCH-${offset + i}`,
        item.id,
        s.departmentId,
        s.windowId,
        s.id,
        stamp,
        rowMonth,
        'person',
        stamp,
        stamp,
        stamp,
      );
    }
    await ds.query(
      `INSERT INTO transactions (transactionNo, serviceItemId, departmentId, windowId, staffId, finishedAt, finishedMonth, applicantType, tokenExpiresAt, createdAt, updatedAt) VALUES ${tx.join(',')}`,
      txParams,
    );
    const [{ first }] = await ds.query(
      'SELECT MIN(id) AS first FROM transactions WHERE transactionNo = ?',
      [`BENCH-${offset}`],
    );
    const rows = [];
    const params = [];
    for (let i = 0; i < n; i++) {
      const s = staff[(offset + i) % staff.length];
      const level = [5, 5, 5, 5, 4, 4, 3, 2, 1, 5][(offset + i) % 10];
      rows.push('(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
      params.push(
        Number(first) + i,
        level,
        '[]',
        0,
        channels[i % 6],
        1,
        '[]',
        s.departmentId,
        s.windowId,
        s.id,
        rowMonth,
        0,
        0,
        0,
        stamp,
      );
    }
    await ds.query(
      `INSERT INTO ratings (transactionId, level, tags, anonymous, channel, optionsVersion, attachmentIds, departmentId, windowId, staffId, monthKey, isDefault, voided, secondsSinceIssue, createdAt) VALUES ${rows.join(',')}`,
      params,
    );
  }
  const seedMs = Date.now() - seedStart;
  console.log(` ${seedMs} ms`);

  const rebuildMs = await time(
    () =>
      app.get(require(join(root, 'dist/apps/api/scores/scores.service')).ScoresService).rebuild(),
    3,
  );

  const tripsGood = await roundTrips(app, ds, http, false);
  const tripsBad = await roundTrips(app, ds, http, true);
  const version = await databaseVersion(ds, config.database.kind);
  await app.close();
  if (server) await dropDatabases(server, ['hcp_e2e_bench']);
  writeFileSync(
    join(dir, 'round-trips.txt'),
    [...tripsGood.queries, '-- bad --', ...tripsBad.queries].join('\n'),
  );
  console.log(`queries of one submission: ${join(dir, 'round-trips.txt')}`);
  const { full, base } = ingest;
  const ingestCell = (r) =>
    `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors${r.codes.length ? ` (${r.codes.join(', ')})` : ''}${r.reused ? ' — tokens ran out, some requests repeated' : ''}${r.lockWaits ? `; InnoDB row-lock waits ${r.lockWaits.waits} (${r.lockWaits.ms} ms in all)` : ''}`;

  const rows = [
    ...scoreRows(scores),
    [
      'Rollup rebuild from raw rows',
      `${rebuildMs.toFixed(0)} ms`,
      `seeding the same rows: ${seedMs} ms`,
      '—',
    ],
    ...exportRows(exported),
    [
      `Rating ingest, POST /api/ratings (${INGEST.connections} connections, ${INGEST.seconds} s in ${INGEST.rounds} rounds alternated with the baseline's, distinct tokens, 90 % good / 10 % bad real-name)`,
      ingestCell(full),
      `bare Fastify + ${config.database.kind === 'sqlite' ? 'better-sqlite3' : 'mysql2'}, schema-validated INSERT into an equally indexed table: ${ingestCell(base)}`,
      `${(full.rps / base.rps).toFixed(2)}× the throughput (rounds ${full.ratios.map((r) => r.toFixed(2)).join(' / ')}), p99 ${(full.p99 / Math.max(base.p99, 1)).toFixed(1)}× (goal ≥ 1.0×, p99 ≤ 2×, 0 errors)`,
    ],
    [
      'Start-up: built API, migrations applied, to a healthy /api/health',
      `${ingest.startMs} ms (median of ${ingest.starts.length})`,
      '—',
      'goal < 3 s',
    ],
    [
      'Queries of one submission (POST /api/ratings)',
      `good, sent alone: ${tripsGood.total} (${tripsGood.reads} reads, ${tripsGood.writes} writes, ${tripsGood.control} transaction control); bad real-name: ${tripsBad.total} (${tripsBad.reads} reads, ${tripsBad.writes} writes, ${tripsBad.control} control)`,
      'the baseline: 1 INSERT',
      'ratings without photos sent together share their statements (group commit): one transaction, one multi-row INSERT and one rollup UPDATE per batch; a bad one adds its ticket, event and notices',
    ],
  ];
  // One section per database family and size; a run replaces its own section, keeps the others.
  const section = [
    `## ${config.database.kind}${QUICK ? ' (quick)' : ''}`,
    '',
    `\`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, Node ${process.version}, ${version}. Monthly scores: ${SCORE_SIZES.map(thousands).join(' then ')} ratings over 12 months, a centre of ${CENTRE.departments} departments, ${CENTRE.windows} windows and ${CENTRE.staff} staff${kind !== 'sqlite' && SCORE_SIZES.length === 1 ? ' (10M on this database only with BENCH_SCORES_LARGE=10000000: seeding it takes longer than the run may)' : ''}, median of ${SCORE_RUNS}. Export: ${thousands(EXPORT_ROWS.small)} and ${thousands(EXPORT_ROWS.large)} detail rows in a month (each after a month of ${thousands(EXPORT_ROWS.small)}), the same centre, each size on a freshly started API, one run each. Rebuild and round trips: ${RATINGS} ratings in one month and ${RATINGS / 4} in the month before (the demo centre), rebuild the median of 3. Every figure is compared with its baseline measured in the same run.`,
    '',
    '| what | measured | baseline | |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  const file = join(root, 'docs/benchmarks.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const sections = new Map();
  for (const part of previous.split(/^(?=## )/m).filter((p) => p.startsWith('## '))) {
    sections.set(part.split('\n')[0], part.trimEnd() + '\n');
  }
  sections.set(`## ${config.database.kind}${QUICK ? ' (quick)' : ''}`, section);
  const md = [
    '# Benchmarks',
    '',
    'Reproduce: `npm run bench` (SQLite), `BENCH_DATABASE_URL=mariadb://user:pass@127.0.0.1:3306/any_db npm run bench` (creates and drops its own `hcp_e2e_bench*` databases on that server); `-- --quick` for a run under 3 minutes; `BENCH_SCORES_SMALL`/`BENCH_SCORES_LARGE` (ratings of the monthly-scores benchmark; 10M is the default on SQLite, opt-in on MySQL/MariaDB), `BENCH_EXPORT_SMALL`/`BENCH_EXPORT_LARGE` (detail rows of the export), `BENCH_RATINGS` (the rebuild month); `node --expose-gc scripts/bench.js --only=scores,export` runs those parts alone and prints them without touching this file. Every figure is compared with a baseline measured in the same run: absolute times on this shared machine are not comparable between runs.',
    '',
    ...[...sections.values()],
  ].join('\n');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(file, md);
  console.log(md);
  // The client side: the H5 rating page in Chromium and the weapp sizes (its own section).
  const h5 = spawnSync(
    process.execPath,
    [join(__dirname, 'bench-h5.js'), ...(QUICK ? ['--quick'] : [])],
    { cwd: root, stdio: 'inherit' },
  );
  if (h5.status !== 0) throw new Error('scripts/bench-h5.js failed');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
