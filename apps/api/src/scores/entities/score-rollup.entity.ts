import type { Counter } from '@haochaping/domain';
import { Column, Entity, Index } from 'typeorm';
import { MonthUnitRow } from './month-unit-row';

/**
 * Per-unit, per-month counters, kept current in the same database transaction as every rating,
 * ticket move and void, so monthly scores read O(units) rows and never scan the ratings. One
 * column per counter of `COUNTERS` (libs/domain/src/score-counters.ts).
 */
@Entity('score_rollups')
@Index(['monthKey', 'unitType', 'unitId'], { unique: true })
export class ScoreRollup extends MonthUnitRow implements Record<Counter, number> {
  @Column({ type: 'int' })
  unitId!: number;

  @Column({ type: 'int', default: 0 }) finished!: number;
  @Column({ type: 'int', default: 0 }) rated!: number;
  @Column({ type: 'int', default: 0 }) ratings!: number;
  @Column({ type: 'int', default: 0 }) level1!: number;
  @Column({ type: 'int', default: 0 }) level2!: number;
  @Column({ type: 'int', default: 0 }) level3!: number;
  @Column({ type: 'int', default: 0 }) level4!: number;
  @Column({ type: 'int', default: 0 }) level5!: number;
  @Column({ type: 'int', default: 0 }) chWindowQr!: number;
  @Column({ type: 'int', default: 0 }) chMiniapp!: number;
  @Column({ type: 'int', default: 0 }) chTablet!: number;
  @Column({ type: 'int', default: 0 }) chWeb!: number;
  @Column({ type: 'int', default: 0 }) chSms!: number;
  @Column({ type: 'int', default: 0 }) chHotline!: number;
  @Column({ type: 'int', default: 0 }) voided!: number;
  @Column({ type: 'int', default: 0 }) tickets!: number;
  @Column({ type: 'int', default: 0 }) ticketsClosed!: number;
  @Column({ type: 'int', default: 0 }) ticketsClosedOnTime!: number;
  @Column({ type: 'int', default: 0 }) ticketsDue!: number;
  @Column({ type: 'int', default: 0 }) realNameBad!: number;
  @Column({ type: 'int', default: 0 }) realNameBadVisited!: number;
  /** Default ratings (默认评价) of transactions finished in the month: in no rate. */
  @Column({ type: 'int', default: 0 }) defaultRated!: number;
}
