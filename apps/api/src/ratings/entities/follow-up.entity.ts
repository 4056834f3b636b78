import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** 追评: at most one per rating (unique index), stored beside it, never in place of it. */
@Entity('rating_follow_ups')
export class FollowUp {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'int' })
  ratingId!: number;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'smallint', nullable: true })
  level!: number | null;

  @DateTimeColumn()
  createdAt!: Date;
}
