import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh, empty database for one test file: a temporary SQLite file by default, or a new
 * database on the MySQL/MariaDB server named by E2E_DATABASE_URL (set by scripts/test.js from
 * TEST_DATABASE_URL). Each file gets its own, so files never depend on each other.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.E2E_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'hcp-e2e-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      kind: 'sqlite',
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const parsed = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const name = `hcp_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const scheme = serverUrl.split(':')[0];
  const dbUrl = new URL(parsed.toString());
  dbUrl.pathname = `/${name}`;
  return {
    url: `${scheme}:${dbUrl.toString().slice('mysql:'.length)}`,
    kind: 'mysql',
    drop: async () => {
      const conn = await createConnection({
        host: parsed.hostname,
        port: Number(parsed.port || 3306),
        user: decodeURIComponent(parsed.username),
        password: decodeURIComponent(parsed.password),
      });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
