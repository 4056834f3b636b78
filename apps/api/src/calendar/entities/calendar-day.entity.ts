import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** An administrator's correction of the working-day calendar for one date. */
@Entity('calendar_overrides')
export class CalendarOverride {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 8 })
  type!: 'holiday' | 'workday';

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'int', nullable: true })
  updatedBy!: number | null;

  @DateTimeColumn()
  updatedAt!: Date;
}
