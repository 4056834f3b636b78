import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn, UniqueKeyColumn } from '../../database/columns';

/**
 * A WeChat user: looked up by a keyed hash of their openid; the openid itself is kept only
 * encrypted, for the subscribe messages they asked for.
 */
@Entity('citizens')
export class Citizen {
  @PrimaryGeneratedColumn()
  id!: number;

  @UniqueKeyColumn(64)
  openidHash!: string;

  /** AES-256-GCM (PiiService); decrypted only to address a subscribe message. */
  @Column({ type: 'text', nullable: true })
  openidEnc!: string | null;

  @DateTimeColumn()
  createdAt!: Date;

  @DateTimeColumn()
  lastLoginAt!: Date;
}
