import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** A WeChat user, known only by a keyed hash of their openid. */
@Entity('citizens')
export class Citizen {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  openidHash!: string;

  @DateTimeColumn()
  createdAt!: Date;

  @DateTimeColumn()
  lastLoginAt!: Date;
}
