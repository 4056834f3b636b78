import { Column, Entity } from 'typeorm';
import type { Role } from '@haochaping/domain';
import { DateTimeColumn, TimestampedRow, UniqueKeyColumn } from '../../database/columns';

@Entity('users')
export class User extends TimestampedRow {
  @UniqueKeyColumn(64)
  username!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'int', nullable: true })
  departmentId!: number | null;

  @Column({ type: 'int', nullable: true })
  windowId!: number | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Consecutive failed logins; reset on success. Drives the lock-out. */
  @Column({ type: 'int', default: 0 })
  failedLogins!: number;

  @DateTimeColumn({ nullable: true })
  lockedUntil!: Date | null;

  @DateTimeColumn({ nullable: true })
  lastLoginAt!: Date | null;

  /** In every staff token; bumped by a password change, which ends the tokens issued before. */
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;
}
