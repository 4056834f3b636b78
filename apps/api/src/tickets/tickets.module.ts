import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { JobLease } from '../jobs/entities/job-lease.entity';
import { OutboxMessage } from '../jobs/entities/outbox-message.entity';
import { OverdueJob } from '../jobs/overdue.job';
import { DueDateRecalculation } from './due-dates';
import { TicketAppeal } from './entities/ticket-appeal.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { TicketVisit } from './entities/ticket-visit.entity';
import { Ticket } from './entities/ticket.entity';
import { MyTicketsController, TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Ticket,
      TicketEvent,
      TicketVisit,
      TicketAppeal,
      JobLease,
      OutboxMessage,
    ]),
    AttachmentsModule,
  ],
  controllers: [TicketsController, MyTicketsController],
  providers: [TicketsService, OverdueJob, DueDateRecalculation],
  exports: [TicketsService],
})
export class TicketsModule {}
