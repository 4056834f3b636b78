import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RatingChannel } from '@haochaping/domain';
import { DateTimeColumn } from '../../database/columns';

/**
 * One rating of one transaction. The unique index on transactionId is what makes 一次一评 hold
 * under concurrency. Ratings are never edited; a voided rating stays stored, flagged.
 */
@Entity('ratings')
// A window's latest rating (the kiosk); a month's ratings of one level (bad-rating tags).
@Index(['windowId', 'createdAt'])
@Index(['monthKey', 'level'])
export class Rating {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  transactionId!: number;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'simple-json' })
  tags!: string[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ type: 'varchar', length: 255, nullable: true })
  contactPhoneEnc!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  contactPhoneMasked!: string | null;

  /** Where it was given; `default` for a 默认评价 recorded by the system (isDefault). */
  @Column({ type: 'varchar', length: 16 })
  channel!: RatingChannel;

  @Column({ type: 'int' })
  optionsVersion!: number;

  @Column({ type: 'simple-json' })
  attachmentIds!: number[];

  @Index()
  @Column({ type: 'int', nullable: true })
  citizenId!: number | null;

  @Column({ type: 'int' })
  departmentId!: number;

  @Column({ type: 'int' })
  windowId!: number;

  @Column({ type: 'int' })
  staffId!: number;

  /** 'YYYY-MM' in China: scores bucket by it without dialect-specific date functions. */
  @Column({ type: 'varchar', length: 7 })
  monthKey!: string;

  /**
   * A default rating (默认评价) recorded by the job when the rating window ended without a rating
   * (setting `defaultRating`): channel `default`, in no rate and no ticket, never a citizen's.
   */
  @Column({ type: 'boolean', default: false })
  isDefault!: boolean;

  /** Voided by an upheld appeal: kept for the audit trail, excluded from scores. */
  @Column({ type: 'boolean', default: false })
  voided!: boolean;

  /** The client's Idempotency-Key, so a retried submission gets the first answer. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  // Fraud signals, for review only; never shown to the rated unit.
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  deviceHint!: string | null;

  @Column({ type: 'int', nullable: true })
  secondsSinceIssue!: number | null;

  @DateTimeColumn()
  createdAt!: Date;
}
