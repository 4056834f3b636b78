import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JobLease } from '../jobs/entities/job-lease.entity';
import { underLease } from '../jobs/lease';
import { LeasedJob } from '../jobs/leased-job';
import { AttachmentsService, UNREFERENCED_UPLOAD_TTL_MS } from './attachments.service';

const JOB = 'attachment-cleanup';
const EVERY_MS = 60 * 60_000;
const LEASE_MS = 10 * 60_000;
/** Batches per run at most, so a run ends; the next hour takes the rest. */
const MAX_BATCHES = 50;

/**
 * Deletes uploads that nothing (rating, complaint, appeal) references 24 h after they came, with
 * their files: an upload that is never used must not stay on the disk. Hourly where JOBS_ENABLED,
 * one instance at a time under the job lease.
 */
@Injectable()
export class AttachmentCleanupJob extends LeasedJob {
  constructor(
    private readonly clock: Clock,
    private readonly attachments: AttachmentsService,
    @InjectRepository(JobLease) leases: Repository<JobLease>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(
      {
        name: JOB,
        what: 'cleanup',
        everyMs: EVERY_MS,
        leaseMs: LEASE_MS,
        enabled: config.jobsEnabled,
      },
      leases,
    );
  }

  /** One run: how many uploads were deleted, or null when another instance holds the lease. */
  async run(now = this.clock.now()): Promise<number | null> {
    return underLease(this.lease, now, null, async () => {
      const before = new Date(now.getTime() - UNREFERENCED_UPLOAD_TTL_MS);
      let deleted = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const n = await this.attachments.deleteUnreferenced(before);
        deleted += n;
        if (n === 0) break;
      }
      if (deleted) this.logger.log(`deleted ${deleted} unreferenced uploads`);
      return deleted;
    });
  }
}
