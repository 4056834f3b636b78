import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from '@haochaping/domain';
import { DateTime, Int, Str } from '../../common/response-types';

/** One outgoing message as an administrator sees its delivery: never its recipient's openid. */
export class OutboxMessageResponse {
  @Int() id!: number;
  @Str({ enum: OUTBOX_CHANNELS }) channel!: string;
  @Str({ example: 'ticket_accepted' }) kind!: string;
  @Int({}, true) ticketId!: number | null;
  @Str({ example: 'ZG20261127-0A1B2C3D' }, true) ticketNo!: string | null;
  @Str({ example: 'citizen:12', description: 'Whom it is for, by internal id' })
  recipient!: string;
  @Str({ enum: OUTBOX_STATUSES }) status!: string;
  @Int({ description: 'Attempts started so far' }) attempts!: number;
  @Int({ description: 'Attempts before a message is given up as failed' }) maxAttempts!: number;
  @Str({ description: 'Why the last attempt did not deliver it' }, true) lastError!: string | null;
  @Str({ description: "The receiving system's last answer (province gateways)" }, true)
  receipt!: string | null;
  @Str({
    enum: [...OUTBOX_STATUSES, 'duplicate'],
    description: 'The status, with duplicate for a push the platform already had (counts as sent)',
  })
  pushStatus!: string;
  @DateTime({ description: 'When it is tried next (pending only)' }, true)
  nextAttemptAt!: string | null;
  @Str({ description: 'Sent with every attempt (Idempotency-Key) so duplicates can be dropped' })
  messageKey!: string;
  @DateTime() createdAt!: string;
  @DateTime({ description: 'When its state last changed: queued, taken, tried, retried' })
  updatedAt!: string;
  @DateTime({}, true) sentAt!: string | null;
}
