#!/usr/bin/env node
// Post-build check for the weapp output (dist-weapp):
//  - every page listed in app.json has its .js and .wxml files;
//  - the main package (everything not under a subpackage root) stays under WeChat's 2 MB limit.
'use strict';

const fs = require('fs');
const path = require('path');

const LIMIT_BYTES = 2 * 1024 * 1024;
const distDir = path.resolve(__dirname, '..', 'dist-weapp');
const appJsonPath = path.join(distDir, 'app.json');

function fail(message) {
  console.error(`check-weapp: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(appJsonPath)) {
  fail(
    `${path.relative(process.cwd(), appJsonPath)} not found — run \`taro build --type weapp\` first`,
  );
}

let appJson;
try {
  appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
} catch (err) {
  fail(`cannot parse app.json: ${err.message}`);
}

const subPackages = appJson.subPackages || appJson.subpackages || [];
const subRoots = subPackages
  .map((p) =>
    String(p.root || '')
      .replace(/\\/g, '/')
      .replace(/^\.?\//, '')
      .replace(/\/?$/, '/'),
  )
  .filter((r) => r !== '/');

const pages = [...(appJson.pages || [])];
for (const sub of subPackages) {
  const root = String(sub.root || '').replace(/\/?$/, '/');
  for (const p of sub.pages || []) pages.push(root + p);
}

if (pages.length === 0) fail('app.json lists no pages');

const missing = [];
for (const page of pages) {
  for (const ext of ['.js', '.wxml']) {
    const file = path.join(distDir, page + ext);
    if (!fs.existsSync(file)) missing.push(path.relative(distDir, file));
  }
}

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

let mainBytes = 0;
let subBytes = 0;
for (const file of walk(distDir, [])) {
  const rel = path.relative(distDir, file).split(path.sep).join('/');
  // Source maps are not uploaded to WeChat, so they don't count.
  if (rel.endsWith('.map')) continue;
  const size = fs.statSync(file).size;
  if (subRoots.some((root) => rel.startsWith(root))) subBytes += size;
  else mainBytes += size;
}

const kb = (n) => (n / 1024).toFixed(1);
console.log(`weapp pages: ${pages.length} (${pages.join(', ')})`);
console.log(`weapp main package: ${kb(mainBytes)} KB (limit ${LIMIT_BYTES / 1024} KB)`);
if (subRoots.length) console.log(`weapp subpackages: ${kb(subBytes)} KB`);

let ok = true;
if (missing.length) {
  console.error(`check-weapp: missing page files:\n  ${missing.join('\n  ')}`);
  ok = false;
}
if (mainBytes > LIMIT_BYTES) {
  console.error(`check-weapp: main package exceeds ${LIMIT_BYTES / 1024} KB`);
  ok = false;
}
process.exit(ok ? 0 : 1);
