#!/usr/bin/env node
/*
 * The rating-ingest baseline of `npm run bench`: a bare Fastify handler that validates the body
 * with a JSON schema and does one INSERT into a copy of the ratings table (same columns, same
 * indexes), nothing else. Started as its own process, like the API, so both are loaded the same
 * way. BASE_DB is `sqlite:PATH` or a mysql/mariadb URL whose database already holds the table.
 */
const Fastify = require('fastify');

const PHONE = '^1[3-9][0-9]{9}$';
const schema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['token', 'level'],
    properties: {
      token: { type: 'string', minLength: 10, maxLength: 64 },
      level: { type: 'integer', minimum: 1, maximum: 5 },
      tags: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 20 } },
      comment: { type: 'string', maxLength: 500 },
      anonymous: { type: 'boolean' },
      contactPhone: { type: 'string', pattern: PHONE },
      channel: { type: 'string', maxLength: 20 },
    },
  },
};

const COLUMNS =
  'transactionId, level, tags, comment, anonymous, contactPhoneMasked, channel, optionsVersion, attachmentIds, departmentId, windowId, staffId, monthKey, isDefault, voided, secondsSinceIssue, createdAt';

function row(body) {
  const now = new Date();
  return [
    // The token starts with the transaction id in base 36; the baseline does not verify it.
    parseInt(body.token.split('.')[0], 36),
    body.level,
    JSON.stringify(body.tags ?? []),
    body.comment ?? null,
    body.anonymous ? 1 : 0,
    body.contactPhone ? `${body.contactPhone.slice(0, 3)}****${body.contactPhone.slice(7)}` : null,
    body.channel ?? 'window_qr',
    1,
    '[]',
    1,
    1,
    1,
    new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 7),
    0,
    0,
    0,
    now,
  ];
}

async function main() {
  const url = process.env.BASE_DB;
  let insert;
  if (url.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const statement = db.prepare(
      `INSERT INTO ratings (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?')})`,
    );
    insert = (values) => {
      values[16] = values[16].toISOString().replace('T', ' ').slice(0, 23);
      return Number(statement.run(values).lastInsertRowid);
    };
  } else {
    const pool = require('mysql2/promise').createPool({
      uri: url.replace(/^mariadb:/, 'mysql:'),
      connectionLimit: 10,
      timezone: 'Z',
    });
    insert = async (values) => {
      const [result] = await pool.execute(
        `INSERT INTO ratings (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?')})`,
        values,
      );
      return result.insertId;
    };
  }
  const app = Fastify({ logger: false });
  app.post('/api/ratings', { schema }, async (request, reply) => {
    const id = await insert(row(request.body));
    reply.code(201);
    return { id, level: request.body.level };
  });
  app.get('/api/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
