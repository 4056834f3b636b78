import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, datetime, fk, id, int, timestamps, unique, varchar } from './schema-helpers';

/*
 * Written with the QueryRunner schema API, not generated SQL, so the same migration runs on
 * SQLite, MySQL and MariaDB. Index names follow TypeORM's default naming so that the schema
 * check in tests sees no difference between entities and this migration.
 */
export class Foundation1764190000000 implements MigrationInterface {
  name = 'Foundation1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'departments',
        columns: [id, varchar('code', 32), varchar('name', 100), ...timestamps],
        indices: [unique('code')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'windows',
        columns: [
          id,
          varchar('code', 32),
          varchar('name', 100),
          int('departmentId'),
          ...timestamps,
        ],
        foreignKeys: [fk('departmentId', 'departments', 'RESTRICT')],
        indices: [unique('code'), new TableIndex({ columnNames: ['departmentId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff',
        columns: [
          id,
          varchar('staffNo', 32),
          varchar('name', 50),
          int('departmentId'),
          int('windowId', { isNullable: true }),
          ...timestamps,
        ],
        foreignKeys: [
          fk('departmentId', 'departments', 'RESTRICT'),
          fk('windowId', 'windows', 'SET NULL'),
        ],
        indices: [
          unique('staffNo'),
          new TableIndex({ columnNames: ['departmentId'] }),
          new TableIndex({ columnNames: ['windowId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'service_items',
        columns: [
          id,
          varchar('code', 64),
          varchar('name', 200),
          varchar('category', 16),
          int('departmentId'),
          ...timestamps,
        ],
        foreignKeys: [fk('departmentId', 'departments', 'RESTRICT')],
        indices: [unique('code'), new TableIndex({ columnNames: ['departmentId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          varchar('username', 64),
          varchar('passwordHash', 255),
          varchar('role', 16),
          int('departmentId', { isNullable: true }),
          int('windowId', { isNullable: true }),
          bool('enabled', { default: 1 }),
          int('failedLogins', { default: 0 }),
          datetime('lockedUntil', { isNullable: true }),
          datetime('lastLoginAt', { isNullable: true }),
          ...timestamps,
        ],
        indices: [unique('username')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          id,
          varchar('name', 100),
          varchar('keyHash', 64),
          varchar('keyPrefix', 16),
          bool('enabled', { default: 1 }),
          int('createdBy', { isNullable: true }),
          datetime('lastUsedAt', { isNullable: true }),
          ...timestamps,
        ],
        indices: [unique('keyHash')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'users', 'service_items', 'staff', 'windows', 'departments']) {
      await q.dropTable(table);
    }
  }
}
