import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntitySubscriberInterface,
  type InsertEvent,
  type UpdateEvent,
} from 'typeorm';
import { Clock } from '../common/clock';
import { Timestamped } from './columns';

/**
 * createdAt / updatedAt of every Timestamped entity, from the application's clock (an entity
 * listener cannot reach it), so a row's age agrees with the time every rule reads.
 */
@Injectable()
export class TimestampsSubscriber implements EntitySubscriberInterface<Timestamped> {
  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof Timestamped {
    return Timestamped;
  }

  beforeInsert(event: InsertEvent<Timestamped>): void {
    const now = this.clock.now();
    event.entity.createdAt ??= now;
    event.entity.updatedAt = now;
  }

  beforeUpdate(event: UpdateEvent<Timestamped>): void {
    if (event.entity) event.entity.updatedAt = this.clock.now();
  }
}
