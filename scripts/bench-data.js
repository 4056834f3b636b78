#!/usr/bin/env node
/*
 * Helpers of scripts/bench.js for the large benchmarks, kept out of its way:
 *
 *   - openDatabase(url): the API's database (SQLite file or MySQL/MariaDB), query(sql, params).
 *   - seedCentre(db, sizes, plan): a service centre of ~300 departments, ~2,000 windows and ~6,000
 *     staff, then transactions and ratings month by month (a real level mix, 12 months or as
 *     planned), a ticket for every bad rating, and the score rollups of all of it — written with
 *     bulk multi-row INSERTs straight into the tables, the rollups summed here with the domain's
 *     own contribution rules (libs/domain/src/score-counters.ts), as the API's rebuild would.
 *   - `node scripts/bench-data.js download URL TOKEN FILE`: the export client, its own process:
 *     streams one GET to FILE and prints {status, bytes, ms} as JSON.
 */
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { createWriteStream } = require('node:fs');

/** query(sql, params) → rows; SQLite statements cached by their text. */
async function openDatabase(url) {
  if (url.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('busy_timeout = 5000');
    const statements = new Map();
    const prepare = (sql) => {
      let st = statements.get(sql);
      if (!st) statements.set(sql, (st = db.prepare(sql)));
      return st;
    };
    return {
      kind: 'sqlite',
      query: async (sql, params = []) => {
        const st = prepare(sql);
        return st.reader ? st.all(params) : (st.run(params), []);
      },
      /** Many writes in one transaction, synchronous commit off: seeding only. */
      bulk: async (fn) => {
        db.pragma('synchronous = OFF');
        db.exec('BEGIN');
        try {
          await fn();
          db.exec('COMMIT');
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      },
      close: async () => db.close(),
    };
  }
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    timezone: 'Z',
  });
  return {
    kind: 'mysql',
    query: async (sql, params = []) => (await conn.query(sql, params))[0],
    bulk: async (fn) => {
      await conn.query('SET unique_checks = 0, foreign_key_checks = 0');
      await conn.beginTransaction();
      try {
        await fn();
        await conn.commit();
      } finally {
        await conn.query('SET unique_checks = 1, foreign_key_checks = 1');
      }
    },
    close: () => conn.end(),
  };
}

/** A multi-row INSERT of rows (arrays of values) into table(columns), `chunk` rows a statement. */
async function insertRows(db, table, columns, rows, chunk = 1000) {
  const one = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => one).join(',')}`,
      part.flat(),
    );
  }
}

const CHANNELS = ['window_qr', 'miniapp', 'tablet', 'web', 'sms', 'hotline'];
/** Of 1000 ratings: 780 非常满意, 130 满意, 50 基本满意, 25 不满意, 15 非常不满意. */
const LEVEL_MIX = [
  [780, 5],
  [130, 4],
  [50, 3],
  [25, 2],
  [15, 1],
];
/** Tickets of bad ratings: 6 in 10 closed, 2 in progress, 1 open, 1 voided (appeal upheld). */
const TICKET_MIX = [
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'in_progress',
  'in_progress',
  'open',
  'voided',
];
const stampOf = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

/** A well-spread hash of i, so level, channel and status do not follow the staff member. */
const mix = (i, salt) => Math.imul(i ^ salt, 2654435761) >>> 0;

/** Level of rating number i: the mix above. */
function levelOf(i) {
  let k = mix(i, 0) % 1000;
  for (const [share, level] of LEVEL_MIX) {
    if (k < share) return level;
    k -= share;
  }
  return 5;
}

/** Months `count` back from `month` (YYYY-MM), oldest first, `month` last. */
function monthsUpTo(month, count) {
  const [y, m] = month.split('-').map(Number);
  const out = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** The organisation: departments, their windows, staff at the windows, a few service items. */
async function seedOrganisation(db, { departments, windows, staff }) {
  const now = stampOf(Date.now());
  const [{ d0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS d0 FROM departments');
  const [{ w0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS w0 FROM windows');
  const [{ s0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS s0 FROM staff');
  const [{ i0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS i0 FROM service_items');
  const org = { departments: [], windows: [], staff: [], items: [] };
  await db.bulk(async () => {
    const dRows = [];
    for (let i = 0; i < departments; i++) {
      const id = Number(d0) + 1 + i;
      org.departments.push(id);
      dRows.push([id, `BD${i}`, `基准部门${i}`, now, now]);
    }
    await insertRows(db, 'departments', ['id', 'code', 'name', 'createdAt', 'updatedAt'], dRows);
    const wRows = [];
    for (let i = 0; i < windows; i++) {
      const id = Number(w0) + 1 + i;
      const departmentId = org.departments[i % departments];
      org.windows.push({ id, departmentId });
      wRows.push([id, `BW${i}`, `${i} 号窗口`, departmentId, now, now]);
    }
    await insertRows(
      db,
      'windows',
      ['id', 'code', 'name', 'departmentId', 'createdAt', 'updatedAt'],
      wRows,
    );
    const sRows = [];
    for (let i = 0; i < staff; i++) {
      const id = Number(s0) + 1 + i;
      const w = org.windows[i % windows];
      org.staff.push({ id, staffId: id, departmentId: w.departmentId, windowId: w.id });
      sRows.push([
        id,
        `BS${String(i).padStart(5, '0')}`,
        `人员${i}`,
        w.departmentId,
        w.id,
        now,
        now,
      ]);
    }
    await insertRows(
      db,
      'staff',
      ['id', 'staffNo', 'name', 'departmentId', 'windowId', 'createdAt', 'updatedAt'],
      sRows,
    );
    const iRows = [];
    for (let i = 0; i < departments; i++) {
      const id = Number(i0) + 1 + i;
      org.items.push(id);
      iRows.push([
        id,
        `BI${i}`,
        `基准事项${i}：不动产登记`,
        '公共服务',
        org.departments[i],
        now,
        now,
      ]);
    }
    await insertRows(
      db,
      'service_items',
      ['id', 'code', 'name', 'category', 'departmentId', 'createdAt', 'updatedAt'],
      iRows,
    );
  });
  return org;
}

/**
 * Transactions and ratings: plan is [{ month, count }]. Rating i goes to staff member i mod n
 * (their window and department), the level from the mix, the channel in turn; a bad one
 * (level ≤ 2) has a comment with a phone number, every third of them real-name, and a ticket
 * (mostly closed, some in progress, open or voided — a voided ticket voids its rating). The
 * counters go into `counters` (a Map the caller keeps across calls) for writeRollups().
 */
async function seedRatings(db, org, plan, counters, progress = () => {}) {
  const domain = require('@haochaping/domain');
  const add = (unit, monthKey, delta) => {
    const entries = Object.entries(delta).filter(([, n]) => n !== 0);
    if (entries.length === 0) return;
    for (const unitType of domain.UNIT_TYPES) {
      const unitId = unit[domain.UNIT_ID_KEY[unitType]];
      const key = `${monthKey}|${unitType}|${unitId}`;
      let c = counters.get(key);
      if (!c) counters.set(key, (c = { monthKey, unitType, unitId, values: {} }));
      for (const [name, n] of entries) c.values[name] = (c.values[name] ?? 0) + n;
    }
  };
  const [{ t0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS t0 FROM transactions');
  const [{ r0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS r0 FROM ratings');
  const [{ k0 }] = await db.query('SELECT COALESCE(MAX(id), 0) AS k0 FROM tickets');
  let tId = Number(t0);
  let rId = Number(r0);
  let kId = Number(k0);
  const BATCH = db.kind === 'sqlite' ? 1000 : 2000;
  let done = 0;
  const total = plan.reduce((n, p) => n + p.count, 0);
  for (const { month, count } of plan) {
    const [y, m] = month.split('-').map(Number);
    const monthStart = Date.UTC(y, m - 1, 1) - 8 * 3600e3; // China midnight
    const span = Date.UTC(y, m, 1) - 8 * 3600e3 - monthStart - 3600e3;
    for (let offset = 0; offset < count; offset += 20 * BATCH) {
      await db.bulk(async () => {
        for (let b = offset; b < Math.min(count, offset + 20 * BATCH); b += BATCH) {
          const tx = [];
          const ratings = [];
          const tickets = [];
          for (let i = b; i < Math.min(count, b + BATCH); i++) {
            tId++;
            const s = org.staff[tId % org.staff.length];
            const at = stampOf(monthStart + Math.floor((i / count) * span));
            const level = levelOf(tId);
            const bad = level <= 2;
            const realName = bad && mix(tId, 7) % 3 === 0;
            const status = bad ? TICKET_MIX[mix(tId, 11) % TICKET_MIX.length] : null;
            rId++;
            tx.push([
              tId,
              `BT${tId}`,
              org.items[(s.departmentId - org.departments[0]) % org.items.length],
              s.departmentId,
              s.windowId,
              s.id,
              at,
              month,
              'person',
              at,
              at,
              at,
            ]);
            const channel = CHANNELS[mix(tId, 3) % 6];
            ratings.push([
              rId,
              tId,
              level,
              bad ? '["态度差"]' : level === 5 ? '["热情","高效"]' : '[]',
              bad ? `等了很久，请回电 1381234${String(tId % 10000).padStart(4, '0')}` : null,
              realName ? 0 : 1,
              realName ? `138****${String(tId % 10000).padStart(4, '0')}` : null,
              channel,
              1,
              '[]',
              s.departmentId,
              s.windowId,
              s.id,
              month,
              0,
              status === 'voided' ? 1 : 0,
              30,
              at,
            ]);
            add(s, month, domain.TRANSACTION_CONTRIBUTION);
            const { given, finished } = domain.ratingContribution({
              level,
              channel,
              voided: status === 'voided',
              isDefault: false,
            });
            add(s, month, given);
            add(s, month, finished);
            if (bad) {
              kId++;
              const created = Date.parse(`${at.replace(' ', 'T')}Z`);
              const due = stampOf(created + 5 * 86400e3);
              const closedAt =
                status === 'closed'
                  ? stampOf(created + (mix(tId, 5) % 7 === 0 ? 6 : 3) * 86400e3)
                  : null;
              tickets.push([
                kId,
                `BK${kId}`,
                'rating',
                status,
                rId,
                tId,
                s.departmentId,
                s.windowId,
                s.id,
                level,
                realName ? 1 : 0,
                due,
                0,
                stampOf(created + 86400e3),
                closedAt,
                at,
                at,
                month,
              ]);
              add(
                s,
                month,
                domain.ticketContribution({
                  voided: status === 'voided',
                  realNameBad: realName,
                  closed: status === 'closed',
                  closedOnTime: closedAt !== null && closedAt <= due,
                  overdueFlagged: false,
                  visited: false,
                }),
              );
            }
          }
          await insertRows(
            db,
            'transactions',
            [
              'id',
              'transactionNo',
              'serviceItemId',
              'departmentId',
              'windowId',
              'staffId',
              'finishedAt',
              'finishedMonth',
              'applicantType',
              'tokenExpiresAt',
              'createdAt',
              'updatedAt',
            ],
            tx,
            tx.length,
          );
          await insertRows(
            db,
            'ratings',
            [
              'id',
              'transactionId',
              'level',
              'tags',
              'comment',
              'anonymous',
              'contactPhoneMasked',
              'channel',
              'optionsVersion',
              'attachmentIds',
              'departmentId',
              'windowId',
              'staffId',
              'monthKey',
              'isDefault',
              'voided',
              'secondsSinceIssue',
              'createdAt',
            ],
            ratings,
            ratings.length,
          );
          if (tickets.length)
            await insertRows(
              db,
              'tickets',
              [
                'id',
                'ticketNo',
                'source',
                'status',
                'ratingId',
                'transactionId',
                'departmentId',
                'windowId',
                'staffId',
                'level',
                'realName',
                'dueAt',
                'dueProvisional',
                'firstContactDueAt',
                'closedAt',
                'createdAt',
                'updatedAt',
                'monthKey',
              ],
              tickets,
              tickets.length,
            );
        }
      });
      done += Math.min(count - offset, 20 * BATCH);
      progress(done, total);
    }
  }
}

/** The score rollups of everything seeded: replaces the rows of the seeded months. */
async function writeRollups(db, counters) {
  const domain = require('@haochaping/domain');
  const months = [...new Set([...counters.values()].map((c) => c.monthKey))];
  await db.bulk(async () => {
    for (const month of months)
      await db.query('DELETE FROM score_rollups WHERE monthKey = ?', [month]);
    const rows = [...counters.values()].map((c) => [
      c.monthKey,
      c.unitType,
      c.unitId,
      ...domain.COUNTERS.map((name) => c.values[name] ?? 0),
    ]);
    await insertRows(
      db,
      'score_rollups',
      ['monthKey', 'unitType', 'unitId', ...domain.COUNTERS],
      rows,
      500,
    );
  });
}

/**
 * An HTTP request to the API on 127.0.0.1 with a JSON body (or none), resolving to
 * { status, body } (parsed JSON, or the text). `auth`: a bearer token, or headers to send.
 */
function call(port, method, path, body, auth) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(data ? { 'content-type': 'application/json' } : {}),
          ...(typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : (auth ?? {})),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Seeds a whole centre: organisation, then the plan; returns the organisation. */
async function seedCentre(url, sizes, plan, progress) {
  const db = await openDatabase(url);
  const org = await seedOrganisation(db, sizes);
  const counters = new Map();
  await seedRatings(db, org, plan, counters, progress);
  await writeRollups(db, counters);
  await db.close();
  return { org, counters };
}

/** The export client: GET url with the bearer token, the body streamed to file. */
function download(url, token, file) {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const out = createWriteStream(file);
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('aborted', () => reject(new Error('response aborted')));
      res.on('error', reject);
      res.pipe(out);
      out.on('finish', () =>
        resolve({
          status: res.statusCode,
          complete: res.complete,
          bytes,
          ms: Number(process.hrtime.bigint() - start) / 1e6,
        }),
      );
    });
    req.on('error', reject);
  });
}

module.exports = {
  call,
  openDatabase,
  insertRows,
  seedCentre,
  seedOrganisation,
  seedRatings,
  writeRollups,
  monthsUpTo,
};

if (require.main === module && process.argv[2] === 'download') {
  const [, , , url, token, file] = process.argv;
  download(url, token, file).then(
    (r) => {
      process.stdout.write(JSON.stringify(r));
      process.exit(0);
    },
    (error) => {
      process.stdout.write(JSON.stringify({ error: String(error) }));
      process.exit(1);
    },
  );
}
