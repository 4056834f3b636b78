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

import type { ServiceItemCategory } from '@haochaping/domain';
import { Timestamped } from '../../database/columns';

/** A service item (政务服务事项) with its category of the monthly report. */
@Entity('service_items')
export class ServiceItem extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  category!: ServiceItemCategory;

  @Index()
  @Column({ type: 'int' })
  departmentId!: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departmentId' })
  department?: Relation<Department>;
}
