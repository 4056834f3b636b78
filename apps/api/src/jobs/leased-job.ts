import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { JobLease } from './entities/job-lease.entity';
import { type LeaseOf, leaseHolder, repeatEvery } from './lease';

/** How a leased job runs: its lease row, how often, and what its log lines call it. */
export interface JobSchedule {
  name: string;
  what: string;
  everyMs: number;
  leaseMs: number;
  /** Runs on the timer only where JOBS_ENABLED; tests call run() themselves. */
  enabled: boolean;
}

/**
 * A job that sweeps the database every few minutes under its lease (one instance at a time):
 * the timer, the lease and the logger; the job itself is `run()`.
 */
export abstract class LeasedJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  protected readonly lease: LeaseOf;
  private timer?: NodeJS.Timeout;

  protected constructor(
    private readonly schedule: JobSchedule,
    leases: Repository<JobLease>,
  ) {
    this.logger = new Logger(schedule.name);
    this.lease = { leases, name: schedule.name, holder: leaseHolder(), ms: schedule.leaseMs };
  }

  abstract run(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (this.schedule.enabled) {
      this.timer = repeatEvery(
        this.schedule.everyMs,
        () => this.run(),
        this.logger,
        this.schedule.what,
      );
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * Walks rows in id order, a batch at a time (`load(afterId, limit)`), at most `maxBatches` per
 * call so one run ends (the next run takes the rest); counts the rows `each` reports as done.
 */
export async function inIdBatches<T extends { id: number }>(
  load: (afterId: number, limit: number) => Promise<T[]>,
  each: (row: T) => Promise<boolean>,
  { batch = 200, maxBatches = 25 } = {},
): Promise<number> {
  let done = 0;
  let afterId = 0;
  for (let n = 0; n < maxBatches; n++) {
    const rows = await load(afterId, batch);
    for (const row of rows) if (await each(row)) done++;
    if (rows.length < batch) break;
    afterId = rows[rows.length - 1].id;
  }
  return done;
}
