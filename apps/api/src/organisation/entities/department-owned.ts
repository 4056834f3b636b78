import { Column, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TimestampedRow } from '../../database/columns';
import { Department } from './department.entity';

/** A window, staff member or service item: it belongs to one department, which cannot go while it stays. */
export abstract class DepartmentOwned extends TimestampedRow {
  @Index()
  @Column({ type: 'int' })
  departmentId!: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId' })
  department?: Relation<Department>;
}
