import { Column, Entity, Index } from 'typeorm';
import type { Outcome, TicketStatus } from '@haochaping/domain';
import { DateTimeColumn, TimestampedRow, UniqueKeyColumn } from '../../database/columns';

export type TicketSource = 'rating' | 'complaint';
export type { TicketStatus };

/** A rectification ticket (整改工单) for the department that handled the transaction. */
@Entity('tickets')
// The monthly report's ledger reads this index alone (migration 1764330000000-LedgerIndex).
@Index(['monthKey', 'source', 'departmentId', 'status', 'dueAt', 'closedAt'])
export class Ticket extends TimestampedRow {
  @UniqueKeyColumn(32)
  ticketNo!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: TicketSource;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  status!: TicketStatus;

  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  ratingId!: number | null;

  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  complaintId!: number | null;

  @Column({ type: 'int' })
  transactionId!: number;

  @Index()
  @Column({ type: 'int' })
  departmentId!: number;

  @Column({ type: 'int' })
  windowId!: number;

  @Column({ type: 'int' })
  staffId!: number;

  @Column({ type: 'smallint', nullable: true })
  level!: number | null;

  /** The citizen left a phone: a return visit is required before submitting. */
  @Column({ type: 'boolean' })
  realName!: boolean;

  /** 'YYYY-MM' in China of opening: the month whose rectification figures it counts in. */
  @Column({ type: 'varchar', length: 7, default: '' })
  monthKey!: string;

  @DateTimeColumn()
  dueAt!: Date;

  /** The due date fell in a year without an official working-day calendar. */
  @Column({ type: 'boolean' })
  dueProvisional!: boolean;

  @DateTimeColumn()
  firstContactDueAt!: Date;

  /** What the citizen sees as the department's answer. */
  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @DateTimeColumn({ nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: Outcome | null;

  /** For a scheduled (限期整改) outcome: the date the department promised, 'YYYY-MM-DD'. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  promisedDate!: string | null;

  /** 预警 sent: due within two working days. */
  @DateTimeColumn({ nullable: true })
  warnedAt!: Date | null;

  /** 超期 flagged by the overdue job. */
  @DateTimeColumn({ nullable: true })
  overdueMarkedAt!: Date | null;

  /** The citizen's verdict on the reply: true accepted, false refused (reopens once). */
  @Column({ type: 'boolean', nullable: true })
  citizenAccepted!: boolean | null;

  @DateTimeColumn({ nullable: true })
  citizenRefusedAt!: Date | null;

  /** 督办: how often a supervisor has urged the department on this ticket. */
  @Column({ type: 'int', default: 0 })
  urgeCount!: number;
}
