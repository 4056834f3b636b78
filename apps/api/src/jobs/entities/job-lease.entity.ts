import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';

/** Which instance may run a scheduled job until when: one row per job, taken by a conditional UPDATE. */
@Entity('job_leases')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  holder!: string | null;

  @DateTimeColumn()
  leaseUntil!: Date;
}
