#!/usr/bin/env node
/*
 * The client part of `npm run bench`: how soon a citizen sees the H5 rating page, and the weapp
 * package sizes. Writes its section of docs/benchmarks.md (between the h5-bench markers).
 *
 *   1. H5 rating page, Chromium (Debian, CHROMIUM_PATH), cold cache (a fresh context each time):
 *      navigation start → the transaction card on screen, median of 10 on localhost and of 5 with
 *      CDP throttling at 400 kbps / 400 ms RTT; "usable" there = the five levels on screen.
 *      Baseline, same run and page: the first contentful paint, i.e. the placeholder that
 *      index.html draws before any script (what the bytes of the HTML alone cost).
 *   2. weapp: main and subpackage sizes of dist-weapp (`npm run build:weapp`) against 600 KB.
 *
 * Needs the built API (dist/, `npm run build:api`) and the H5 build (`npm run build:h5`); runs
 * the API as its own process on a fresh SQLite file with the demo centre, on 127.0.0.1 only.
 * `--quick`: 5 local and 3 throttled loads.
 */
const { spawn } = require('node:child_process');
const {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { call } = require('./bench-data');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');
const { URL } = require('node:url');
const { setTimeout: sleep } = require('node:timers/promises');

const root = join(__dirname, '..');
const QUICK = process.argv.includes('--quick');
const LOCAL_RUNS = QUICK ? 5 : 10;
const SLOW_RUNS = QUICK ? 3 : 5;
const ADMIN = { username: 'bench-admin', password: 'bench-password-1' };
const HEADING = '## H5 rating page and weapp size';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startApi(dir, port) {
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'h5.sqlite')}`,
      DATA_DIR: dir,
      DEMO_DATA: 'true',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdefghijklmnop',
      RATING_TOKEN_SECRET: 'bench-rating-secret-0123456789abcdefghij',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    const ok = await call(port, 'GET', '/api/health').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error('the API exited before it was healthy');
    if (Date.now() - started > 60_000) throw new Error('the API was not healthy in 60 s');
    await sleep(50);
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** Rating URLs of fresh transactions of the demo centre, registered through an API key. */
async function ratingUrls(port, n) {
  const login = await call(port, 'POST', '/api/auth/login', ADMIN);
  const auth = { authorization: `Bearer ${login.body.accessToken}` };
  const key = await call(port, 'POST', '/api/api-keys', { name: 'h5 bench' }, auth);
  const list = async (path) =>
    (await call(port, 'GET', `${path}?pageSize=100`, undefined, auth)).body.items;
  const [staff, windows, items] = await Promise.all([
    list('/api/staff'),
    list('/api/windows'),
    list('/api/service-items'),
  ]);
  const s = staff.find((x) => x.windowId);
  const w = windows.find((x) => x.id === s.windowId);
  const item = items.find((x) => x.departmentId === s.departmentId) ?? items[0];
  const urls = [];
  for (let i = 0; i < n; i++) {
    const res = await call(
      port,
      'POST',
      '/api/transactions',
      {
        transactionNo: `H5BENCH-${Date.now()}-${i}`,
        serviceItemCode: item.code,
        windowCode: w.code,
        staffNo: s.staffNo,
        finishedAt: new Date(Date.now() - 60_000).toISOString(),
      },
      { 'x-api-key': key.body.key },
    );
    if (res.status !== 201) throw new Error(`registering a transaction: ${res.status}`);
    urls.push(new URL(res.body.ratingUrl).pathname + new URL(res.body.ratingUrl).search);
  }
  return urls;
}

/** One cold load: ms from navigation start to first paint, the card and the five levels. */
async function load(browser, url, throttled) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  // Records when the elements appear, from inside the page (init scripts are not subject to
  // the page's CSP).
  await context.addInitScript(() => {
    const seen = {};
    globalThis.__hcpSeen = seen;
    const check = () => {
      for (const id of ['transaction-card', 'level-5']) {
        if (!seen[id] && globalThis.document.querySelector(`[data-testid="${id}"]`))
          seen[id] = globalThis.performance.now();
      }
    };
    new globalThis.MutationObserver(check).observe(globalThis.document, {
      childList: true,
      subtree: true,
    });
  });
  const page = await context.newPage();
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1000) / 8,
      uploadThroughput: (400 * 1000) / 8,
    });
  }
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => globalThis.__hcpSeen['transaction-card'] && globalThis.__hcpSeen['level-5'],
    null,
    {
      timeout: 60_000,
      polling: 50,
    },
  );
  const marks = await page.evaluate(() => ({
    paint: globalThis.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    card: globalThis.__hcpSeen['transaction-card'],
    levels: globalThis.__hcpSeen['level-5'],
  }));
  await context.close();
  return marks;
}

/** Bytes of the weapp output, main package and subpackages. */
function weappSizes() {
  const dist = join(root, 'apps/miniapp/dist-weapp');
  if (!existsSync(join(dist, 'app.json'))) return null;
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) =>
    String(p.root).replace(/\/?$/, '/'),
  );
  let main = 0;
  let sub = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const st = statSync(file);
      if (st.isDirectory()) walk(file);
      else if (roots.some((r) => relative(dist, file).replace(/\\/g, '/').startsWith(r)))
        sub += st.size;
      else main += st.size;
    }
  };
  walk(dist);
  return { main, sub };
}

async function main() {
  if (!existsSync(join(root, 'dist/apps/api/main.js')))
    throw new Error('no built API: npm run build:api');
  if (!existsSync(join(root, 'apps/miniapp/dist/index.html')))
    throw new Error('no H5 build: npm run build:h5');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`no Chromium at ${executablePath} (CHROMIUM_PATH)`);
  const { chromium } = require('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'hcp-h5-bench-'));
  const port = 39900 + Math.floor(Math.random() * 90);
  const api = await startApi(dir, port);
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const urls = await ratingUrls(port, LOCAL_RUNS + SLOW_RUNS + 1);
    const base = `http://127.0.0.1:${port}`;
    await load(browser, base + urls.pop(), false); // warm the server's file cache, not measured
    const local = [];
    for (let i = 0; i < LOCAL_RUNS; i++) local.push(await load(browser, base + urls.pop(), false));
    const slow = [];
    for (let i = 0; i < SLOW_RUNS; i++) slow.push(await load(browser, base + urls.pop(), true));
    const m = (runs, key) => median(runs.map((r) => r[key]));
    const figures = {
      local: { paint: m(local, 'paint'), card: m(local, 'card'), levels: m(local, 'levels') },
      slow: { paint: m(slow, 'paint'), card: m(slow, 'card'), levels: m(slow, 'levels') },
      weapp: weappSizes(),
    };
    console.log(JSON.stringify(figures));
    write(figures);
  } finally {
    await browser.close();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function write(f) {
  const ms = (x) => `${Math.round(x)} ms`;
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const rows = [
    [
      `H5 rating page, localhost, cold cache: navigation → transaction card on screen (median of ${LOCAL_RUNS})`,
      ms(f.local.card),
      `first paint of the same page (index.html's placeholder, no script yet): ${ms(f.local.paint)}`,
      `${(f.local.card / f.local.paint).toFixed(2)}× the first paint; goal < 500 ms: ${f.local.card < 500 ? 'met' : 'missed'}`,
    ],
    [
      `H5 rating page, 400 kbps / 400 ms RTT (CDP), cold: usable = card and the five levels on screen (median of ${SLOW_RUNS})`,
      ms(Math.max(f.slow.card, f.slow.levels)),
      `first paint: ${ms(f.slow.paint)}`,
      `${(Math.max(f.slow.card, f.slow.levels) / f.slow.paint).toFixed(2)}× the first paint; goal < 3 s: ${Math.max(f.slow.card, f.slow.levels) < 3000 ? 'met' : 'missed'}`,
    ],
    f.weapp
      ? [
          'weapp packages (dist-weapp)',
          `main ${kb(f.weapp.main)}, subpackages ${kb(f.weapp.sub)}`,
          "WeChat's limit 2048 KB per package",
          `${((f.weapp.main / 1024 / 600) * 100).toFixed(0)} % of the 600 KB goal: ${f.weapp.main <= 600 * 1024 ? 'met' : 'missed'}`,
        ]
      : ['weapp packages', 'not built (npm run build:weapp)', '—', '—'],
  ];
  const section = [
    HEADING,
    '',
    `\`node scripts/bench-h5.js${QUICK ? ' --quick' : ''}\` (run by \`npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Debian Chromium, the API serving the H5 build on 127.0.0.1, SQLite with the demo centre; each load a fresh browser context (cold cache). The baseline is the first paint of the same load: index.html's placeholder, drawn before any script.`,
    '',
    '| what | measured | baseline | |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  // The document is a preamble and "## " sections (as scripts/bench.js writes it): this run
  // replaces its own section and keeps the others.
  const file = join(root, 'docs/benchmarks.md');
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const parts = doc.split(/^(?=## )/m);
  const preamble = parts[0].startsWith('## ') ? '' : parts.shift();
  const sections = new Map(parts.map((p) => [p.split('\n')[0], p.trimEnd() + '\n']));
  sections.set(HEADING, section);
  writeFileSync(file, [preamble.trimEnd() + '\n', ...sections.values()].join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
