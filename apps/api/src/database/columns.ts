import { Column, ColumnOptions } from 'typeorm';

/** UTC datetime with milliseconds: `datetime(3)` on MySQL/MariaDB, ISO text on SQLite. */
export function DateTimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

/**
 * createdAt / updatedAt set by the application (TimestampsSubscriber, from its clock), not by a
 * dialect-specific column default, so the same migration runs on SQLite and MySQL.
 */
export abstract class Timestamped {
  @DateTimeColumn()
  createdAt!: Date;

  @DateTimeColumn()
  updatedAt!: Date;
}
