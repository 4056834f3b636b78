import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Rating } from '../ratings/entities/rating.entity';
import { RatingsService } from '../ratings/ratings.service';
import { SettingsService } from '../settings/settings.service';
import { Transaction } from '../transactions/entities/transaction.entity';
import { JobLease } from './entities/job-lease.entity';
import { type LeaseOf, leaseHolder, repeatEvery, underLease } from './lease';

const JOB = 'default-ratings';
const LEASE_MS = 5 * 60_000;
const EVERY_MS = 5 * 60_000;
const BATCH = 200;
/** Batches per run at most, so one run ends; the next run takes the rest. */
const MAX_BATCHES = 25;

export interface DefaultRatingResult {
  ran: boolean;
  recorded: number;
}

/**
 * 默认评价 (setting defaultRating, off by default): every 5 minutes, under the job lease (one
 * instance at a time), each transaction whose rating window ended since the setting was switched
 * on, without a rating and without a complaint (the citizen has spoken), gets the default rating
 * at the configured level, dated when the job records it (RatingsService.recordDefault).
 */
@Injectable()
export class DefaultRatingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DefaultRatingJob');
  private readonly lease: LeaseOf;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(JobLease) leases: Repository<JobLease>,
    private readonly ratings: RatingsService,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lease = { leases, name: JOB, holder: leaseHolder(), ms: LEASE_MS };
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsEnabled)
      this.timer = repeatEvery(EVERY_MS, () => this.run(), this.logger, 'default ratings');
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(now = this.clock.now()): Promise<DefaultRatingResult> {
    const { defaultRating } = await this.settings.get();
    if (!defaultRating.enabled || !defaultRating.enabledAt) return { ran: false, recorded: 0 };
    const since = new Date(defaultRating.enabledAt);
    return underLease<DefaultRatingResult>(
      this.lease,
      now,
      { ran: false, recorded: 0 },
      async () => {
        let recorded = 0;
        let afterId = 0;
        for (let batch = 0; batch < MAX_BATCHES; batch++) {
          // Expired only after tokenExpiresAt, as the rating endpoints decide.
          const due = await this.transactions
            .createQueryBuilder('t')
            .where('t.tokenExpiresAt < :now AND t.tokenExpiresAt >= :since', { now, since })
            .andWhere('t.complaintId IS NULL AND t.id > :afterId', { afterId })
            .andWhere(
              `NOT EXISTS (SELECT 1 FROM ${this.transactions.manager.connection.getMetadata(Rating).tableName} r WHERE r.transactionId = t.id)`,
            )
            .orderBy('t.id', 'ASC')
            .limit(BATCH)
            .getMany();
          for (const transaction of due) {
            if (await this.ratings.recordDefault(transaction, defaultRating.level, now)) recorded++;
          }
          if (due.length < BATCH) break;
          afterId = due[due.length - 1].id;
        }
        if (recorded) this.logger.log(`recorded ${recorded} default ratings`);
        return { ran: true, recorded };
      },
    );
  }
}
