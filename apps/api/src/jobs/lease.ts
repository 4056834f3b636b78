import { randomBytes } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { errorText } from '../common/logging';
import { JobLease } from './entities/job-lease.entity';

/*
 * The job lease as functions, for every scheduled job: one row per job in job_leases, taken by a
 * conditional UPDATE so that of several instances exactly one runs the job at a time.
 */

/** This process's name in the lease rows and run ids: its pid and a random suffix. */
export function leaseHolder(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

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

/** A job's lease: its row's name, the holder, how long one run may hold it. */
export interface LeaseOf {
  leases: Repository<JobLease>;
  name: string;
  holder: string;
  ms: number;
}

/**
 * Runs `work` while holding the lease, and releases it after, failed or not; `busy` without
 * running when another instance holds it.
 */
export async function underLease<T>(
  lease: LeaseOf,
  now: Date,
  busy: T,
  work: () => Promise<T>,
): Promise<T> {
  const { leases, name, holder, ms } = lease;
  if (!(await takeLease(leases, name, holder, now, ms))) return busy;
  try {
    return await work();
  } finally {
    await releaseLease(leases, name, holder, now);
  }
}

/**
 * Calls `run` every `ms` on an unref'd timer (clear it on shutdown); a failed run is logged as
 * `<what> failed: <message>` and the next one comes on time.
 */
export function repeatEvery(
  ms: number,
  run: () => Promise<unknown>,
  logger: Logger,
  what: string,
): NodeJS.Timeout {
  const timer = setInterval(() => {
    run().catch((error: unknown) => logger.error(`${what} failed: ${errorText(error)}`));
  }, ms);
  timer.unref();
  return timer;
}
