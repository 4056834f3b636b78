import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

export const TICKET_EVENT_TYPES = [
  'opened',
  'accept',
  'visit',
  'submit',
  'approve',
  'reject',
  'appeal',
  'uphold_appeal',
  'dismiss_appeal',
  'citizen_accept',
  'citizen_refuse',
  'due_soon',
  'overdue',
  'due_changed',
  'contact_revealed',
  'urge',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** Append-only history of a ticket: who did what, when, with which note. */
@Entity('ticket_events')
export class TicketEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 24 })
  type!: TicketEventType;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus!: string | null;

  /** 'user', 'citizen' or 'system'. */
  @Column({ type: 'varchar', length: 16 })
  actorType!: string;

  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'simple-json' })
  attachmentIds!: number[];

  @DateTimeColumn()
  createdAt!: Date;
}
