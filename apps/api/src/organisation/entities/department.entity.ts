import { Column, Entity } from 'typeorm';
import { TimestampedRow, UniqueKeyColumn } from '../../database/columns';

@Entity('departments')
export class Department extends TimestampedRow {
  @UniqueKeyColumn(32)
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** 统一社会信用代码: the deptCode of provincial pushes. */
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;
}
