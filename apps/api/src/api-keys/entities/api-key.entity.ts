import { Column, Entity } from 'typeorm';
import { DateTimeColumn, TimestampedRow, UniqueKeyColumn } from '../../database/columns';

/** A key for an integrating system (业务办件系统). Only its SHA-256 is stored. */
@Entity('api_keys')
export class ApiKey extends TimestampedRow {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @UniqueKeyColumn(64)
  keyHash!: string;

  /** First characters of the key, so an admin can tell keys apart without seeing them. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'int', nullable: true })
  createdBy!: number | null;

  @DateTimeColumn({ nullable: true })
  lastUsedAt!: Date | null;
}
