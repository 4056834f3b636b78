import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { DueDateRecalculation } from './due-dates';
import { TicketAppeal } from './entities/ticket-appeal.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { TicketVisit } from './entities/ticket-visit.entity';
import { Ticket } from './entities/ticket.entity';
import { MyTicketsController, TicketsController } from './tickets.controller';
import { TicketProgressController } from './ticket-progress.controller';
import { TicketProgressService } from './ticket-progress.service';
import { TicketWorkflow } from './ticket-workflow';
import { TicketsService } from './tickets.service';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ScoresModule } from '../scores/scores.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { RatingsModule } from '../ratings/ratings.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProvinceModule } from '../province/province.module';

@Module({
  imports: [
    OrganisationModule,
    RatingsModule,
    TransactionsModule,
    AuditModule,
    CalendarModule,
    ScoresModule,
    TypeOrmModule.forFeature([Ticket, TicketEvent, TicketVisit, TicketAppeal]),
    AttachmentsModule,
    NotificationsModule,
    ProvinceModule,
  ],
  controllers: [TicketsController, MyTicketsController, TicketProgressController],
  providers: [TicketsService, TicketWorkflow, DueDateRecalculation, TicketProgressService],
  // The overdue scan (jobs/) flags tickets through their repositories.
  exports: [TicketsService, TypeOrmModule],
})
export class TicketsModule {}
