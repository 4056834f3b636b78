import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { OutboxMessage } from './entities/outbox-message.entity';
import { OutboxController } from './outbox.controller';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/**
 * Outgoing messages: queued with their event (OutboxService.enqueue), delivered by the
 * dispatcher through the sender each channel registers, watched and retried by administrators.
 */
@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [OutboxController],
  providers: [OutboxService, OutboxDispatcher, OutboxRepository],
  exports: [OutboxService, OutboxDispatcher],
})
export class OutboxModule {}
