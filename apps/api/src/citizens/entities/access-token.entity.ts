import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/**
 * Access tokens of outside APIs (WeChat's stable_token), kept in the database so every instance
 * uses the same one and none asks for a new one while it is valid. Stored encrypted.
 */
@Entity('access_token_cache')
export class AccessTokenCache {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text' })
  tokenEnc!: string;

  @DateTimeColumn()
  expiresAt!: Date;

  @DateTimeColumn()
  updatedAt!: Date;
}
