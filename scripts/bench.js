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
 */
const { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const RATINGS = Number(process.env.BENCH_RATINGS || 200000);
const RUNS = 15;

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

/** Peak RSS while fn runs, sampled every 5 ms, minus RSS before. */
async function peakRss(fn) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const start = Date.now();
  await fn();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { mb: (peak - before) / 1048576, ms: Date.now() - start };
}

async function main() {
  const { createApp } = require(join(root, 'dist/apps/api/app.factory'));
  const { loadConfig } = require(join(root, 'dist/apps/api/config/app-config'));
  const { DataSource } = require('typeorm');
  const request = require('supertest');
  const ExcelJS = require('exceljs');

  const dir = mkdtempSync(join(tmpdir(), 'hcp-bench-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL || `sqlite:${join(dir, 'bench.sqlite')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    DEMO_DATA: 'true',
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdefghijklmnop',
    RATING_TOKEN_SECRET: 'bench-rating-secret-0123456789abcdefghij',
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

  const login = await http
    .post('/api/auth/login')
    .send({ username: 'bench-admin', password: 'bench-password-1' });
  // The admin creates a supervisor for the reads.
  await http
    .post('/api/users')
    .set('Authorization', `Bearer ${login.body.accessToken}`)
    .send({ username: 'bench-supervisor', password: 'bench-password-1', role: 'supervisor' });
  const sup = await http
    .post('/api/auth/login')
    .send({ username: 'bench-supervisor', password: 'bench-password-1' });
  const bearer = `Bearer ${sup.body.accessToken}`;

  const rollupMs = await time(async () => {
    const res = await http
      .get(`/api/scores?month=${month}&by=department`)
      .set('Authorization', bearer);
    if (res.status !== 200) throw new Error(`scores ${res.status}`);
  });
  const scanMs = await time(() =>
    ds.query(
      `SELECT departmentId, level, channel, COUNT(*) AS n FROM ratings
        WHERE monthKey = ? AND voided = 0 AND isDefault = 0 GROUP BY departmentId, level, channel`,
      [month],
    ),
  );

  const exportOnce = (m) => async () => {
    const res = await http
      .get(`/api/exports/monthly?month=${m}&format=xlsx`)
      .set('Authorization', bearer)
      .buffer(true)
      .parse((r, cb) => {
        let size = 0;
        r.on('data', (c) => (size += c.length));
        r.on('end', () => cb(null, size));
      });
    if (res.status !== 200) throw new Error(`export ${res.status}`);
  };
  const streamedSmall = await peakRss(exportOnce(smallMonth));
  const streamed = await peakRss(exportOnce(month));
  // Baseline: the same detail rows through exceljs' in-memory workbook.
  const inMemory = await peakRss(async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('评价明细');
    const rows = await ds.query(
      'SELECT id, transactionId, level, channel, createdAt FROM ratings WHERE monthKey = ?',
      [month],
    );
    for (const r of rows)
      sheet.addRow([r.id, r.transactionId, r.level, r.channel, String(r.createdAt)]);
    await wb.xlsx.writeBuffer();
  });
  await app.close();

  const rows = [
    [
      'Monthly scores, all departments (GET /api/scores, rollups)',
      `${rollupMs.toFixed(1)} ms`,
      `GROUP BY scan of ${RATINGS} ratings: ${scanMs.toFixed(1)} ms`,
      `${(scanMs / rollupMs).toFixed(1)}× faster`,
    ],
    [
      'Rollup rebuild from raw rows',
      `${rebuildMs.toFixed(0)} ms`,
      `seeding the same rows: ${seedMs} ms`,
      '—',
    ],
    [
      'Monthly xlsx export, peak RSS growth',
      `${streamed.mb.toFixed(0)} MB in ${streamed.ms} ms (${RATINGS} detail rows); ${streamedSmall.mb.toFixed(0)} MB in ${streamedSmall.ms} ms (${RATINGS / 4} rows)`,
      `in-memory exceljs workbook of the ${RATINGS} detail rows: ${inMemory.mb.toFixed(0)} MB in ${inMemory.ms} ms`,
      `${(inMemory.mb / Math.max(streamed.mb, 1)).toFixed(1)}× less memory; 4× the rows cost ${(streamed.mb / Math.max(streamedSmall.mb, 1)).toFixed(1)}× the memory`,
    ],
  ];
  // One section per database family; a run replaces its own section and keeps the others.
  const section = [
    `## ${config.database.kind}`,
    '',
    `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${RATINGS} ratings in one month and ${RATINGS / 4} in the month before, Node ${process.version}, ${require('node:os').cpus().length} cores. Each figure is the median of ${RUNS} runs (3 for the rebuild, 1 for the exports), compared with its baseline measured in the same run.`,
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
  sections.set(`## ${config.database.kind}`, section);
  const md = [
    '# Benchmarks',
    '',
    'Reproduce: `npm run bench` (SQLite), `BENCH_DATABASE_URL=mariadb://user:pass@127.0.0.1:3306/empty_db npm run bench`; `BENCH_RATINGS=1000000` for a larger month.',
    '',
    ...[...sections.values()],
  ].join('\n');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(file, md);
  console.log(md);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
