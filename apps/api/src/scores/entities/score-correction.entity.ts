import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * A change to a month already published (an appeal upheld after freezing): shown in the report
 * of the month it was recorded in, so history is never silently rewritten.
 */
@Entity('score_corrections')
export class ScoreCorrection {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The month the correction is reported in. */
  @Index()
  @Column({ type: 'varchar', length: 7 })
  recordedMonth!: string;

  /** The frozen month it corrects. */
  @Column({ type: 'varchar', length: 7 })
  correctsMonth!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'int' })
  departmentId!: number;

  @Column({ type: 'int' })
  windowId!: number;

  @Column({ type: 'int' })
  staffId!: number;

  @Column({ type: 'int', nullable: true })
  ratingId!: number | null;

  @Column({ type: 'smallint', nullable: true })
  level!: number | null;

  @Column({ type: 'varchar', length: 200 })
  note!: string;

  @DateTimeColumn()
  createdAt!: Date;
}
