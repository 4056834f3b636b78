import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { UniqueKeyColumn } from '../../database/columns';
import { DepartmentOwned } from './department-owned';
import { ServiceWindow } from './service-window.entity';

@Entity('staff')
export class Staff extends DepartmentOwned {
  @UniqueKeyColumn(32)
  staffNo!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Index()
  @Column({ type: 'int', nullable: true })
  windowId!: number | null;

  @ManyToOne(() => ServiceWindow, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'windowId' })
  window?: Relation<ServiceWindow> | null;
}
