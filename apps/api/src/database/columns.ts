import { Column, ColumnOptions, Index, PrimaryGeneratedColumn } from 'typeorm';

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

/** A row with a generated integer id and the application-set createdAt / updatedAt. */
export abstract class TimestampedRow extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;
}

/** A business key (code, number, username): `varchar(length)` with a unique index. */
export function UniqueKeyColumn(length: number): PropertyDecorator {
  const column = Column({ type: 'varchar', length });
  const index = Index({ unique: true });
  return (target, property) => {
    column(target, property);
    index(target, property);
  };
}
