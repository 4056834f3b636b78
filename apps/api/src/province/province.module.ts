import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from '../organisation/entities/department.entity';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { OutboxModule } from '../outbox/outbox.module';
import { FollowUp } from '../ratings/entities/follow-up.entity';
import { Rating } from '../ratings/entities/rating.entity';
import { SettingsModule } from '../settings/settings.module';
import { TicketVisit } from '../tickets/entities/ticket-visit.entity';
import { Ticket } from '../tickets/entities/ticket.entity';
import { Transaction } from '../transactions/entities/transaction.entity';
import { ProvincePushService } from './province-push.service';
import { ProvinceSender } from './province.sender';

/**
 * Data exchange with the provincial 好差评 platform: ratings, follow-ups and rectification
 * results queued with their events (ProvincePushService) and pushed by the outbox dispatcher
 * (ProvinceSender). Off while PROVINCE_API_BASE is unset.
 */
@Module({
  imports: [
    OutboxModule,
    SettingsModule,
    TypeOrmModule.forFeature([
      Department,
      ServiceItem,
      Transaction,
      Rating,
      FollowUp,
      Ticket,
      TicketVisit,
    ]),
  ],
  providers: [ProvincePushService, ProvinceSender],
  exports: [ProvincePushService],
})
export class ProvinceModule {}
