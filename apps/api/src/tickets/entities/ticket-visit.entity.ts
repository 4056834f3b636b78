import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { VisitMethod } from '@haochaping/domain';
import { DateTimeColumn } from '../../database/columns';

/** 回访记录: a handler's call-back to the citizen. */
@Entity('ticket_visits')
export class TicketVisit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'int' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 16 })
  method!: VisitMethod;

  @DateTimeColumn()
  visitedAt!: Date;

  @Column({ type: 'varchar', length: 500 })
  result!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  userId!: number;

  @DateTimeColumn()
  createdAt!: Date;
}
