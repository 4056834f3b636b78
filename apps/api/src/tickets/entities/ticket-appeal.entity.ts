import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** 申诉: the department claims the rating is mistaken or malicious; a supervisor decides. */
@Entity('ticket_appeals')
export class TicketAppeal {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  ticketId!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'simple-json' })
  attachmentIds!: number[];

  @Column({ type: 'int' })
  createdBy!: number;

  @DateTimeColumn()
  createdAt!: Date;

  /** 'upheld' or 'dismissed' once decided. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: 'upheld' | 'dismissed' | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'int', nullable: true })
  decidedBy!: number | null;

  @DateTimeColumn({ nullable: true })
  decidedAt!: Date | null;
}
