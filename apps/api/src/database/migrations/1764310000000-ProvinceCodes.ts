import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The codes of the provincial data exchange: service_items.nationalCode (国家标准事项编码),
 * departments.creditCode (统一社会信用代码), and notification_outbox.receipt (the receiving
 * system's last answer, kept with the message).
 */
export class ProvinceCodes1764310000000 implements MigrationInterface {
  name = 'ProvinceCodes1764310000000';

  async up(q: QueryRunner): Promise<void> {
    // Plain ADD COLUMN (nullable, no default: one statement on SQLite and MySQL alike) rather
    // than QueryRunner.addColumn: on SQLite that rebuilds the table from the runner's cached
    // definition, and in a run of several migrations the cached notification_outbox is the one
    // from before the Notifications migration recreated it — the rebuild dropped its columns.
    const add = (table: string, column: string, length: number) =>
      q.query(
        `ALTER TABLE ${q.connection.driver.escape(table)} ADD COLUMN ${q.connection.driver.escape(column)} varchar(${length}) NULL`,
      );
    await add('service_items', 'nationalCode', 64);
    await add('departments', 'creditCode', 18);
    await add('notification_outbox', 'receipt', 1000);
  }

  async down(q: QueryRunner): Promise<void> {
    // DROP COLUMN in place (SQLite ≥ 3.35): a rebuild of departments or service_items would trip
    // the foreign keys that point at them.
    const drop = (table: string, column: string) =>
      q.query(
        `ALTER TABLE ${q.connection.driver.escape(table)} DROP COLUMN ${q.connection.driver.escape(column)}`,
      );
    await drop('notification_outbox', 'receipt');
    await drop('departments', 'creditCode');
    await drop('service_items', 'nationalCode');
  }
}
