import type { NoticeKind } from '@haochaping/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * A to-do notice in one staff member's workspace (新工单, 待审核, 超期, 督办, …), written in the
 * same database transaction as the event it reports, one row per recipient.
 */
@Entity('staff_notices')
@Index(['userId', 'readAt'])
export class StaffNotice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: NoticeKind;

  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  ticketNo!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @DateTimeColumn()
  createdAt!: Date;

  @DateTimeColumn({ nullable: true })
  readAt!: Date | null;
}
