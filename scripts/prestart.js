#!/usr/bin/env node
/*
 * `npm start` builds what it needs first: the domain library, the API and the H5 client, each
 * only when its sources are newer than its build output, so a second start is immediate.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

const steps = [
  { script: 'build:domain', sources: ['libs/domain/src'], output: 'libs/domain/dist/index.js' },
  {
    script: 'build:api',
    sources: ['apps/api/src', 'libs/domain/src'],
    output: 'dist/apps/api/main.js',
  },
  {
    script: 'build:h5',
    sources: ['apps/miniapp/src', 'apps/miniapp/config', 'libs/domain/src'],
    output: 'apps/miniapp/dist/index.html',
  },
];

for (const step of steps) {
  const sourceTime = Math.max(...step.sources.map((s) => newest(join(root, s))));
  if (mtime(join(root, step.output)) > sourceTime) continue;
  console.log(`> npm run ${step.script}`);
  const result = spawnSync('npm', ['run', step.script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
