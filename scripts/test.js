#!/usr/bin/env node
/*
 * `npm test`: every tier, each on the database or browser it needs.
 *   1. unit specs + API e2e on SQLite (always)
 *   2. API e2e again on MySQL/MariaDB when TEST_DATABASE_URL is set
 *   3. reliability + security suites on SQLite (always): OpenAPI fuzzing (10,000 cases in CI),
 *      graceful shutdown under load, authorization matrix, tokens, uploads, login throttling,
 *      personal data
 *   4. the same on MySQL/MariaDB when TEST_DATABASE_URL is set, with the database faults on a
 *      mariadbd of the test's own (SIGSTOP, SIGKILL + restart)
 *   5. browser e2e on the built H5 client in Debian Chromium
 * A tier whose prerequisite is missing prints one SKIPPED line, and fails the run when CI=true.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const outDir = mkdtempSync(join(tmpdir(), 'hcp-test-'));
const totals = { passed: 0, failed: 0, skippedTiers: [] };
let failed = false;

function jest(name, projects, env = {}, extraArgs = []) {
  const outputFile = join(outDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--selectProjects',
      ...projects,
      '--json',
      '--outputFile',
      outputFile,
      ...extraArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  if (existsSync(outputFile)) {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    if (report.numTotalTests === 0) {
      console.error(`${name}: no test ran`);
      failed = true;
    }
  }
  if (result.status !== 0) failed = true;
}

function missing(tier, why) {
  if (ci) {
    console.error(`FAILED: ${tier} cannot run in CI: ${why}`);
    failed = true;
  } else {
    console.log(`SKIPPED: ${tier} (${why})`);
    totals.skippedTiers.push(tier);
  }
}

// 1. Unit and SQLite e2e. E2E_DATABASE_URL is cleared so this pass is always SQLite.
jest('unit + API e2e on SQLite', ['unit', 'e2e'], { E2E_DATABASE_URL: '' });

// 2. MySQL / MariaDB e2e.
if (process.env.TEST_DATABASE_URL) {
  jest('API e2e on MySQL/MariaDB', ['e2e'], { E2E_DATABASE_URL: process.env.TEST_DATABASE_URL });
} else {
  missing(
    'API e2e on MySQL/MariaDB',
    'set TEST_DATABASE_URL=mariadb://user:pass@127.0.0.1:3306/db',
  );
}

// 3. Reliability and security on SQLite. In band: the shutdown, fault and timing checks measure
//    latencies, which a second test file on the same two cores would distort.
jest('reliability + security on SQLite', ['reliability', 'security'], { E2E_DATABASE_URL: '' }, [
  '--runInBand',
]);

// 4. Reliability and security on MySQL/MariaDB, database faults included (own mariadbd).
if (process.env.TEST_DATABASE_URL) {
  jest(
    'reliability + security on MySQL/MariaDB',
    ['reliability', 'security'],
    { E2E_DATABASE_URL: process.env.TEST_DATABASE_URL },
    ['--runInBand'],
  );
} else {
  missing(
    'reliability + security on MySQL/MariaDB (database faults)',
    'set TEST_DATABASE_URL=mariadb://user:pass@127.0.0.1:3306/db',
  );
}

// 5. Browser e2e on the real H5 build.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) {
  console.log('\n=== building the H5 client for browser e2e ===');
  const build = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('H5 build failed');
    failed = true;
  } else {
    jest('browser e2e (Chromium, H5 build)', ['browser'], {
      CHROMIUM_PATH: chromium,
      E2E_DATABASE_URL: '',
    });
  }
} else {
  missing('browser e2e', `no Chromium at ${chromium}; apt-get install -y chromium`);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed || totals.failed > 0 ? 1 : 0);
