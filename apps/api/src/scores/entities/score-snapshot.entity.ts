import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import type { UnitType } from '@haochaping/domain';

/** The published figures of a month, frozen: a frozen month answers from here, never recomputed. */
@Entity('score_snapshots')
@Index(['monthKey', 'unitType'], { unique: true })
export class ScoreSnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 7 })
  monthKey!: string;

  @Column({ type: 'varchar', length: 12 })
  unitType!: UnitType;

  @Column({ type: 'simple-json' })
  payload!: unknown;

  @DateTimeColumn()
  frozenAt!: Date;

  @Column({ type: 'int', nullable: true })
  frozenBy!: number | null;
}
