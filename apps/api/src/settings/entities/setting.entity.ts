import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** One setting per row, its value as JSON; absent rows take the defaults. */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'simple-json' })
  value!: unknown;

  @DateTimeColumn()
  updatedAt!: Date;
}
