import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RatingsModule } from '../ratings/ratings.module';
import { ScoresModule } from '../scores/scores.module';
import { SettingsModule } from '../settings/settings.module';
import { SmsModule } from '../sms/sms.module';
import { TicketsModule } from '../tickets/tickets.module';
import { Transaction } from '../transactions/entities/transaction.entity';
import { DefaultRatingJob } from './default-rating.job';
import { JobLease } from './entities/job-lease.entity';
import { OverdueJob } from './overdue.job';
import { SmsInvitationJob } from './sms-invitation.job';

/**
 * Scheduled work, each job under its lease: the overdue scan (with the notices it writes), the
 * default ratings and the SMS rating invitations (both settings, off by default).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([JobLease, Transaction]),
    TicketsModule,
    CalendarModule,
    ScoresModule,
    NotificationsModule,
    RatingsModule,
    SettingsModule,
    SmsModule,
  ],
  providers: [OverdueJob, DefaultRatingJob, SmsInvitationJob],
  exports: [OverdueJob, DefaultRatingJob, SmsInvitationJob],
})
export class JobsModule {}
