import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, int, text, varchar } from './schema-helpers';

/** Administrators' entries of a year's official holiday notice. */
export class CalendarNotices1764240000000 implements MigrationInterface {
  name = 'CalendarNotices1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_year_notices',
        columns: [
          int('year', { isPrimary: true }),
          varchar('title', 100),
          text('holidays'),
          text('workdays'),
          int('updatedBy', { isNullable: true }),
          datetime('updatedAt'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_year_notices');
  }
}
