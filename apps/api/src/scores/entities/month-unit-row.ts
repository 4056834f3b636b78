import type { UnitType } from '@haochaping/domain';
import { Column, PrimaryGeneratedColumn } from 'typeorm';

/** A row of one month ('YYYY-MM') for one kind of unit: the key of rollups and snapshots. */
export abstract class MonthUnitRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 7 })
  monthKey!: string;

  @Column({ type: 'varchar', length: 12 })
  unitType!: UnitType;
}
