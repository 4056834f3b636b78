import { Column, Entity } from 'typeorm';
import { TimestampedRow, UniqueKeyColumn } from '../../database/columns';

@Entity('departments')
export class Department extends TimestampedRow {
  @UniqueKeyColumn(32)
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}
