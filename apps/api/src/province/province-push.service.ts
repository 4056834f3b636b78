import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { OutboxService } from '../outbox/outbox.service';

/** The channel name of provincial pushes in the outbox. */
export const PROVINCE_CHANNEL = 'province';

/** What a push carries in the outbox: the kind of record and the row it is made from. */
export type ProvinceKind = 'evaluation' | 'follow_up' | 'rectification';

/** Why a record is not pushed: the platform files ratings under national item codes only. */
export const NO_NATIONAL_CODE = '事项无国家标准事项编码（自建事项），不推送省平台';

/**
 * Queues provincial pushes in the caller's transaction, so a record goes out exactly when its
 * rating, follow-up or ticket result is stored. Only while PROVINCE_API_BASE is set; a
 * transaction whose service item has no nationalCode is recorded as skipped with the reason,
 * so the outbox list says why it never went.
 */
@Injectable()
export class ProvincePushService {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  enabled(): boolean {
    return !!this.config.province.apiBase;
  }

  async enqueue(
    em: EntityManager,
    kind: ProvinceKind,
    record: { id: number; transactionNo: string; serviceItemId: number; ticketId?: number },
    now: Date,
  ): Promise<void> {
    if (!this.enabled()) return;
    const item = await em.findOne(ServiceItem, {
      where: { id: record.serviceItemId },
      select: { id: true, nationalCode: true },
    });
    await this.outbox.enqueue(em, {
      channel: PROVINCE_CHANNEL,
      kind,
      ticketId: record.ticketId ?? null,
      recipient: 'province',
      payload: { id: record.id, transactionNo: record.transactionNo },
      now,
      skipped: item?.nationalCode ? undefined : NO_NATIONAL_CODE,
    });
  }
}
