import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Rating } from '../ratings/entities/rating.entity';
import { SettingsService } from '../settings/settings.service';
import { SmsInvitations } from '../sms/sms-invitations';
import { Transaction } from '../transactions/entities/transaction.entity';
import { JobLease } from './entities/job-lease.entity';
import { underLease } from './lease';
import { inIdBatches, LeasedJob } from './leased-job';

const DAY_MS = 86_400_000;

export interface InvitationResult {
  ran: boolean;
  queued: number;
}

/**
 * SMS rating invitations (setting smsInvitation, off by default): every 5 minutes, under the job
 * lease, each transaction finished at least `afterDays` ago that can still be rated, has an
 * applicant phone, no rating and no invitation yet gets its one invitation queued on the outbox's
 * `sms` channel (SmsInvitations.invite; the quiet hours and the opt-out are the sender's).
 */
@Injectable()
export class SmsInvitationJob extends LeasedJob {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(JobLease) leases: Repository<JobLease>,
    private readonly invitations: SmsInvitations,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(
      {
        name: 'sms-invitations',
        what: 'SMS invitations',
        everyMs: 5 * 60_000,
        leaseMs: 5 * 60_000,
        enabled: config.jobsEnabled,
      },
      leases,
    );
  }

  async run(now = this.clock.now()): Promise<InvitationResult> {
    const { smsInvitation } = await this.settings.get();
    if (!smsInvitation.enabled) return { ran: false, queued: 0 };
    const finishedBy = new Date(now.getTime() - smsInvitation.afterDays * DAY_MS);
    const ratings = this.transactions.manager.connection.getMetadata(Rating).tableName;
    return underLease<InvitationResult>(this.lease, now, { ran: false, queued: 0 }, async () => {
      const queued = await inIdBatches(
        (afterId, limit) =>
          this.transactions
            .createQueryBuilder('t')
            .select(['t.id', 't.transactionNo'])
            // Still open for rating (the link must work), old enough, never invited, not rated.
            .where('t.tokenExpiresAt >= :now AND t.finishedAt <= :finishedBy', { now, finishedBy })
            .andWhere('t.smsInvitedAt IS NULL AND t.applicantPhoneEnc IS NOT NULL')
            .andWhere('t.id > :afterId', { afterId })
            .andWhere(`NOT EXISTS (SELECT 1 FROM ${ratings} r WHERE r.transactionId = t.id)`)
            .orderBy('t.id', 'ASC')
            .limit(limit)
            .getMany(),
        (transaction) => this.invitations.invite(transaction, now),
      );
      if (queued) this.logger.log(`queued ${queued} SMS rating invitations`);
      return { ran: true, queued };
    });
  }
}
