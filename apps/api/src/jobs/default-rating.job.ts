import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Rating } from '../ratings/entities/rating.entity';
import { RatingsService } from '../ratings/ratings.service';
import { SettingsService } from '../settings/settings.service';
import { Transaction } from '../transactions/entities/transaction.entity';
import { JobLease } from './entities/job-lease.entity';
import { underLease } from './lease';
import { inIdBatches, LeasedJob } from './leased-job';

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
export class DefaultRatingJob extends LeasedJob {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(JobLease) leases: Repository<JobLease>,
    private readonly ratings: RatingsService,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(
      {
        name: 'default-ratings',
        what: 'default ratings',
        everyMs: 5 * 60_000,
        leaseMs: 5 * 60_000,
        enabled: config.jobsEnabled,
      },
      leases,
    );
  }

  async run(now = this.clock.now()): Promise<DefaultRatingResult> {
    const { defaultRating } = await this.settings.get();
    if (!defaultRating.enabled || !defaultRating.enabledAt) return { ran: false, recorded: 0 };
    const since = new Date(defaultRating.enabledAt);
    const ratings = this.transactions.manager.connection.getMetadata(Rating).tableName;
    return underLease<DefaultRatingResult>(
      this.lease,
      now,
      { ran: false, recorded: 0 },
      async () => {
        const recorded = await inIdBatches(
          (afterId, limit) =>
            this.transactions
              .createQueryBuilder('t')
              // Expired only after tokenExpiresAt, as the rating endpoints decide.
              .where('t.tokenExpiresAt < :now AND t.tokenExpiresAt >= :since', { now, since })
              .andWhere('t.complaintId IS NULL AND t.id > :afterId', { afterId })
              .andWhere(`NOT EXISTS (SELECT 1 FROM ${ratings} r WHERE r.transactionId = t.id)`)
              .orderBy('t.id', 'ASC')
              .limit(limit)
              .getMany(),
          (transaction) => this.ratings.recordDefault(transaction, defaultRating.level, now),
        );
        if (recorded) this.logger.log(`recorded ${recorded} default ratings`);
        return { ran: true, recorded };
      },
    );
  }
}
