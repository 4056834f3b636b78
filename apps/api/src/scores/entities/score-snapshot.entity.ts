import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { MonthUnitRow } from './month-unit-row';

/** The published figures of a month, frozen: a frozen month answers from here, never recomputed. */
@Entity('score_snapshots')
@Index(['monthKey', 'unitType'], { unique: true })
export class ScoreSnapshot extends MonthUnitRow {
  @Column({ type: 'simple-json' })
  payload!: unknown;

  @DateTimeColumn()
  frozenAt!: Date;

  @Column({ type: 'int', nullable: true })
  frozenBy!: number | null;
}
