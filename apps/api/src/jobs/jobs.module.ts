import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { ScoresModule } from '../scores/scores.module';
import { TicketsModule } from '../tickets/tickets.module';
import { JobLease } from './entities/job-lease.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { OverdueJob } from './overdue.job';

/** Scheduled work: the overdue scan, with its lease and the notices it queues. */
@Module({
  imports: [
    TypeOrmModule.forFeature([JobLease, OutboxMessage]),
    TicketsModule,
    CalendarModule,
    ScoresModule,
  ],
  providers: [OverdueJob],
  exports: [OverdueJob],
})
export class JobsModule {}
