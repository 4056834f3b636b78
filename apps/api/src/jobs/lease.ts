import type { Repository } from 'typeorm';
import { JobLease } from './entities/job-lease.entity';

/*
 * The job lease as functions, for jobs outside this folder: one row per job in job_leases, taken
 * by a conditional UPDATE so that of several instances exactly one runs the job at a time (the
 * overdue scan does the same in its own methods).
 */

/** Takes the lease if it is free or expired; true when this holder now has it until now + ms. */
export async function takeLease(
  leases: Repository<JobLease>,
  name: string,
  holder: string,
  now: Date,
  ms: number,
): Promise<boolean> {
  if (!(await leases.existsBy({ name }))) {
    try {
      await leases.insert({ name, holder: null, leaseUntil: new Date(0) });
    } catch {
      // Another instance created the row first.
    }
  }
  const res = await leases
    .createQueryBuilder()
    .update(JobLease)
    .set({ holder, leaseUntil: new Date(now.getTime() + ms) })
    .where('name = :name AND (leaseUntil < :now OR holder IS NULL)', { name, now })
    .execute();
  return res.affected === 1;
}

export async function releaseLease(
  leases: Repository<JobLease>,
  name: string,
  holder: string,
  now: Date,
): Promise<void> {
  await leases
    .createQueryBuilder()
    .update(JobLease)
    .set({ holder: null, leaseUntil: now })
    .where('name = :name AND holder = :holder', { name, holder })
    .execute();
}
