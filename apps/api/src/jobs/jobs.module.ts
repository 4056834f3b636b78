import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ScoresModule } from '../scores/scores.module';
import { TicketsModule } from '../tickets/tickets.module';
import { JobLease } from './entities/job-lease.entity';
import { OverdueJob } from './overdue.job';

/** Scheduled work: the overdue scan, with its lease and the notices it writes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([JobLease]),
    TicketsModule,
    CalendarModule,
    ScoresModule,
    NotificationsModule,
  ],
  providers: [OverdueJob],
  exports: [OverdueJob],
})
export class JobsModule {}
