import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

export interface NoticeDay {
  date: string;
  name: string;
}

/**
 * A year's official holiday notice (国务院办公厅关于某年部分节假日安排的通知) entered by an
 * administrator for a year the shipped calendar does not cover yet. With it, the year counts as
 * covered: its days off and 调休 working days replace the statutory estimate.
 */
@Entity('calendar_year_notices')
export class CalendarYearNotice {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  /** The notice's title or document number, as published. */
  @Column({ type: 'varchar', length: 100 })
  title!: string;

  /** Every day off of the year's holiday periods, weekends inside them included. */
  @Column({ type: 'simple-json' })
  holidays!: NoticeDay[];

  /** Weekend days made working days (调休). */
  @Column({ type: 'simple-json' })
  workdays!: NoticeDay[];

  @Column({ type: 'int', nullable: true })
  updatedBy!: number | null;

  @DateTimeColumn()
  updatedAt!: Date;
}
