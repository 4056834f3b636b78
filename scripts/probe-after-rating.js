// The first staff page after a rating of this month, read less than 2 s after the page before it
// (the month before's last places still cached), against the API built in dist/: median of ROUNDS.
// DB is a SQLite file the scores benchmark seeded (scripts/bench.js keeps it in /tmp/hcp-scores-*);
// the probe adds ROUNDS transactions to it. Not part of npm run bench.
// node scripts/probe-after-rating.js DB PORT [ROUNDS]
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const root = require('node:path').resolve(__dirname, '..');
const [db, port, rounds] = [
  process.argv[2],
  Number(process.argv[3]),
  Number(process.argv[4] || 15),
];
const SECRETS = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdefghijklmnop',
  RATING_TOKEN_SECRET: 'bench-rating-secret-0123456789abcdefghij',
};
const bench = require('./bench-data');
const call = (method, path, body, token) => bench.call(port, method, path, body, token);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const { RatingTokenService } = require(`${root}/dist/apps/api/transactions/rating-token.service`);
  const { loadConfig } = require(`${root}/dist/apps/api/config/app-config`);
  const tokens = new RatingTokenService(loadConfig({ DATA_DIR: '/tmp', ...SECRETS }));
  const D = require(`${root}/node_modules/better-sqlite3`);
  const d = new D(db);
  const staff = d.prepare('SELECT id, departmentId, windowId FROM staff LIMIT 100').all();
  const now = new Date(Math.floor(Date.now() / 1000) * 1000),
    exp = new Date(now.getTime() + 7 * 86400e3);
  const st = (x) => x.toISOString().replace('T', ' ').slice(0, 23);
  const month = new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 7);
  const ins = d.prepare(
    'INSERT INTO transactions (transactionNo, serviceItemId, departmentId, windowId, staffId, finishedAt, finishedMonth, applicantType, tokenExpiresAt, createdAt, updatedAt) VALUES (?,1,?,?,?,?,?,?,?,?,?)',
  );
  const toks = [];
  for (let i = 0; i < rounds; i++) {
    const s = staff[i];
    const r = ins.run(
      `PROBE-${Date.now()}-${i}`,
      s.departmentId,
      s.windowId,
      s.id,
      st(now),
      month,
      'person',
      st(exp),
      st(now),
      st(now),
    );
    toks.push(tokens.sign(Number(r.lastInsertRowid), exp));
  }
  d.close();
  const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${db}`,
      DATA_DIR: '/tmp',
      DEMO_DATA: 'false',
      ...SECRETS,
      ADMIN_USERNAME: 'bench-admin',
      ADMIN_PASSWORD: 'bench-password-1',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      H5_DIR: '/nonexistent',
      PORT: String(port),
    },
  });
  for (;;) {
    try {
      if ((await call('GET', '/api/health')).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const admin = (
    await call('POST', '/api/auth/login', { username: 'bench-admin', password: 'bench-password-1' })
  ).body.accessToken;
  await call(
    'POST',
    '/api/users',
    { username: 'probe-sup', password: 'bench-password-1', role: 'supervisor' },
    admin,
  );
  const sup = (
    await call('POST', '/api/auth/login', { username: 'probe-sup', password: 'bench-password-1' })
  ).body.accessToken;
  const page = `/api/scores?month=${month}&by=staff&page=1&pageSize=20`;
  const times = [];
  for (let i = 0; i < rounds; i++) {
    await call('GET', page, undefined, sup); // warm: this month and the month before computed
    const r = await call('POST', '/api/ratings', { token: toks[i], level: 5 });
    if (r.status !== 201) throw new Error(JSON.stringify(r));
    const t = performance.now();
    const p = await call('GET', page, undefined, sup);
    times.push(performance.now() - t);
    if (p.status !== 200) throw new Error(String(p.status));
    await sleep(2100); // the next warm read recomputes both months
  }
  api.kill('SIGTERM');
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      median: times[Math.floor(times.length / 2)].toFixed(0),
      all: times.map((x) => x.toFixed(0)).join(' '),
    }),
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
