import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '../outbox/outbox.module';
import { UsersModule } from '../users/users.module';
import { StaffNotice } from './entities/staff-notice.entity';
import { NotificationsController } from './notifications.controller';
import { StaffNoticesService } from './staff-notices.service';
import { TicketNotices } from './ticket-notices';

/**
 * Staff to-do notices, read here and written by the features whose events they report; the
 * ticket's notices (staff and citizen) in one place, TicketNotices.
 */
@Module({
  imports: [UsersModule, OutboxModule, TypeOrmModule.forFeature([StaffNotice])],
  controllers: [NotificationsController],
  providers: [StaffNoticesService, TicketNotices],
  exports: [StaffNoticesService, TicketNotices],
})
export class NotificationsModule {}
