import { Column, Entity } from 'typeorm';
import type { ServiceItemCategory } from '@haochaping/domain';
import { UniqueKeyColumn } from '../../database/columns';
import { DepartmentOwned } from './department-owned';

/** A service item (政务服务事项) with its category of the monthly report. */
@Entity('service_items')
export class ServiceItem extends DepartmentOwned {
  @UniqueKeyColumn(64)
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  category!: ServiceItemCategory;

  /** 国家标准事项编码: only items with one are pushed to the provincial platform. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  nationalCode!: string | null;
}
