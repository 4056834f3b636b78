import type { OutboxStatus } from '@haochaping/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, UniqueKeyColumn } from '../../database/columns';

/** What a sender needs to say it: flat JSON values. */
export type OutboxPayload = Record<string, string | number | boolean | null>;

/**
 * A message on its way out (a WeChat subscribe message; later pushes to other systems), written
 * in the same database transaction as the event it reports and delivered by the dispatcher.
 * A row is due when it is `pending` and `nextAttemptAt` has come; taking it moves `nextAttemptAt`
 * a lease ahead under the taker's `lockedBy`, so a taker that dies leaves it due again.
 */
@Entity('notification_outbox')
@Index(['status', 'nextAttemptAt'])
@Index(['channel', 'status'])
export class OutboxMessage {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Which sender delivers it: 'wechat' (subscribe message to a citizen). */
  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Index()
  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  /** Who should hear: 'citizen:<id>'. Never an openid or phone number. */
  @Column({ type: 'varchar', length: 64 })
  recipient!: string;

  /** What to say, as the sender needs it; never personal data beyond what the recipient sees. */
  @Column({ type: 'simple-json' })
  payload!: OutboxPayload;

  /** Sent with every attempt (Idempotency-Key), so a receiver can drop a duplicate. */
  @UniqueKeyColumn(64)
  messageKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  /** Attempts started (counted when taken, so a message that kills its sender ends up failed). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @DateTimeColumn()
  nextAttemptAt!: Date;

  /** The dispatcher run that holds the message until `nextAttemptAt`. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** The receiving system's last answer (a province gateway's receipt), cut to 1000 characters. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  receipt!: string | null;

  @DateTimeColumn()
  createdAt!: Date;

  @DateTimeColumn()
  updatedAt!: Date;

  @DateTimeColumn({ nullable: true })
  sentAt!: Date | null;
}
