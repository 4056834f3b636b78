import { Column, Entity, Index } from 'typeorm';
import type { ApplicantType } from '@haochaping/domain';
import { DateTimeColumn, TimestampedRow, UniqueKeyColumn } from '../../database/columns';

/** A window's unexpired tokens: the kiosk query names this index (MariaDB picks the PK otherwise). */
export const WINDOW_EXPIRY_INDEX = 'IDX_transactions_window_token_expiry';
/** Rating windows ending in a time range: the default-rating and SMS-invitation jobs. */
export const TOKEN_EXPIRY_INDEX = 'IDX_transactions_token_expiry';

/** A finished transaction (办件) that can be rated once through its rating token. */
@Entity('transactions')
@Index(WINDOW_EXPIRY_INDEX, ['windowId', 'tokenExpiresAt'])
@Index(TOKEN_EXPIRY_INDEX, ['tokenExpiresAt'])
export class Transaction extends TimestampedRow {
  @UniqueKeyColumn(64)
  transactionNo!: string;

  @Column({ type: 'int' })
  serviceItemId!: number;

  @Index()
  @Column({ type: 'int' })
  departmentId!: number;

  @Index()
  @Column({ type: 'int' })
  windowId!: number;

  @Column({ type: 'int' })
  staffId!: number;

  @DateTimeColumn()
  finishedAt!: Date;

  /** 'YYYY-MM' of finishedAt in China: the rating rate's month. */
  @Index()
  @Column({ type: 'varchar', length: 7, default: '' })
  finishedMonth!: string;

  @Column({ type: 'varchar', length: 16 })
  applicantType!: ApplicantType;

  @Column({ type: 'varchar', length: 255, nullable: true })
  applicantPhoneEnc!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  applicantPhoneMasked!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  applicantPhoneHash!: string | null;

  @Column({ type: 'int', nullable: true })
  registeredByUserId!: number | null;

  @Column({ type: 'int', nullable: true })
  registeredByApiKeyId!: number | null;

  /** The one complaint (投诉) about this transaction, claimed by a conditional update. */
  @Column({ type: 'int', nullable: true })
  complaintId!: number | null;

  /** End of the rating window; part of the signed token. */
  @DateTimeColumn()
  tokenExpiresAt!: Date;

  /** When the one SMS rating invitation was queued (claimed by a conditional UPDATE); null until then. */
  @DateTimeColumn({ nullable: true })
  smsInvitedAt!: Date | null;
}
