import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { DATABASE_LIMITS } from './limits';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One place that turns DATABASE_URL into TypeORM options for either family. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (db.kind === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      prepareDatabase: (conn: { pragma(sql: string): unknown }) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    // TypeORM's 'mariadb' type avoids spurious schema diffs against MariaDB; mysql2 drives both.
    type: db.kind,
    url: db.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    // A stopped server accepts TCP but never greets: give up on a connection after 2 s (not
    // mysql2's 10 s). The acquire and statement limits are in availability.ts.
    connectTimeout: DATABASE_LIMITS.connectMs,
    extra: { connectionLimit: 10, enableKeepAlive: true, keepAliveInitialDelay: 10_000 },
  };
}
