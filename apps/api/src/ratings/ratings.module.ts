import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { Ticket } from '../tickets/entities/ticket.entity';
import { Transaction } from '../transactions/entities/transaction.entity';
import { TransactionsModule } from '../transactions/transactions.module';
import { Complaint } from './entities/complaint.entity';
import { FollowUp } from './entities/follow-up.entity';
import { Rating } from './entities/rating.entity';
import { RatingTagsController } from './rating-tags.controller';
import { RatingTagsService } from './rating-tags.service';
import { RatingsController } from './ratings.controller';
import { RatingsService } from './ratings.service';
import { CalendarModule } from '../calendar/calendar.module';
import { SettingsModule } from '../settings/settings.module';
import { ScoresModule } from '../scores/scores.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { ProvinceModule } from '../province/province.module';

@Module({
  imports: [
    OrganisationModule,
    CalendarModule,
    SettingsModule,
    ScoresModule,
    TypeOrmModule.forFeature([Rating, FollowUp, Complaint, Ticket, Transaction]),
    TransactionsModule,
    AttachmentsModule,
    NotificationsModule,
    ProvinceModule,
  ],
  controllers: [RatingsController, RatingTagsController],
  providers: [RatingsService, RatingTagsService],
  exports: [RatingsService, TypeOrmModule],
})
export class RatingsModule {}
