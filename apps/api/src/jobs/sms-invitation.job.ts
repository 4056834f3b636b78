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
import { SettingsService } from '../settings/settings.service';
import { SmsInvitations } from '../sms/sms-invitations';
import { Transaction } from '../transactions/entities/transaction.entity';
import { JobLease } from './entities/job-lease.entity';
import { type LeaseOf, leaseHolder, repeatEvery, underLease } from './lease';

const JOB = 'sms-invitations';
const LEASE_MS = 5 * 60_000;
const EVERY_MS = 5 * 60_000;
const BATCH = 200;
const MAX_BATCHES = 25;
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
export class SmsInvitationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SmsInvitationJob');
  private readonly lease: LeaseOf;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(JobLease) leases: Repository<JobLease>,
    private readonly invitations: SmsInvitations,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lease = { leases, name: JOB, holder: leaseHolder(), ms: LEASE_MS };
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsEnabled)
      this.timer = repeatEvery(EVERY_MS, () => this.run(), this.logger, 'SMS invitations');
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(now = this.clock.now()): Promise<InvitationResult> {
    const { smsInvitation } = await this.settings.get();
    if (!smsInvitation.enabled) return { ran: false, queued: 0 };
    const finishedBy = new Date(now.getTime() - smsInvitation.afterDays * DAY_MS);
    const ratings = this.transactions.manager.connection.getMetadata(Rating).tableName;
    return underLease<InvitationResult>(this.lease, now, { ran: false, queued: 0 }, async () => {
      let queued = 0;
      let afterId = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        // Still open for rating (the link must work), old enough, never invited, not rated.
        const due = await this.transactions
          .createQueryBuilder('t')
          .select(['t.id', 't.transactionNo'])
          .where('t.tokenExpiresAt >= :now AND t.finishedAt <= :finishedBy', { now, finishedBy })
          .andWhere('t.smsInvitedAt IS NULL AND t.applicantPhoneEnc IS NOT NULL')
          .andWhere('t.id > :afterId', { afterId })
          .andWhere(`NOT EXISTS (SELECT 1 FROM ${ratings} r WHERE r.transactionId = t.id)`)
          .orderBy('t.id', 'ASC')
          .limit(BATCH)
          .getMany();
        for (const transaction of due) {
          if (await this.invitations.invite(transaction, now)) queued++;
        }
        if (due.length < BATCH) break;
        afterId = due[due.length - 1].id;
      }
      if (queued) this.logger.log(`queued ${queued} SMS rating invitations`);
      return { ran: true, queued };
    });
  }
}
