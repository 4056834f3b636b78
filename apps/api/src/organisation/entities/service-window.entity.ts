import { Column, Entity } from 'typeorm';
import { UniqueKeyColumn } from '../../database/columns';
import { DepartmentOwned } from './department-owned';

/** A service-centre window (窗口). Named ServiceWindow to stay clear of the DOM's Window. */
@Entity('windows')
export class ServiceWindow extends DepartmentOwned {
  @UniqueKeyColumn(32)
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}
