import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** A notification waiting for delivery (WeChat subscribe message, SMS): written, not yet sent. */
@Entity('notification_outbox')
export class OutboxMessage {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Index()
  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  /** Who should hear: 'department:<id>' or 'supervisors'. */
  @Column({ type: 'varchar', length: 64 })
  recipient!: string;

  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;

  @DateTimeColumn()
  createdAt!: Date;

  @DateTimeColumn({ nullable: true })
  sentAt!: Date | null;
}
