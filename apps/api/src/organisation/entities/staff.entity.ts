import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Department } from './department.entity';
import { ServiceWindow } from './service-window.entity';

import { Timestamped } from '../../database/columns';

@Entity('staff')
export class Staff extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  staffNo!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Index()
  @Column({ type: 'int' })
  departmentId!: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  windowId!: number | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId' })
  department?: Relation<Department>;

  @ManyToOne(() => ServiceWindow, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'windowId' })
  window?: Relation<ServiceWindow> | null;
}
