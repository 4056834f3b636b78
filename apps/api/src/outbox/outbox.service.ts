import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OutboxStatus, Page } from '@haochaping/domain';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OutboxListQuery } from './dto/outbox.dto';
import { OutboxMessage, type OutboxPayload } from './entities/outbox-message.entity';

export interface OutboxView {
  id: number;
  channel: string;
  kind: string;
  ticketId: number | null;
  ticketNo: string | null;
  recipient: string;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** The receiving system's last answer (province gateways). */
  receipt: string | null;
  /** Province pushes: pending, sent, duplicate (the platform had it already), failed, skipped. */
  pushStatus: OutboxStatus | 'duplicate';
  nextAttemptAt: Date | null;
  messageKey: string;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

export interface NewMessage {
  channel: string;
  kind: string;
  ticketId: number | null;
  recipient: string;
  payload: OutboxPayload;
  now: Date;
  /** When it may go first (an SMS outside the quiet hours); default `now`. */
  dueAt?: Date;
  /** Written as skipped (never sent), with why: e.g. a push the platform cannot take. */
  skipped?: string;
}

/** The outbox: messages written with their event, and what administrators see and retry. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Queues a message inside the caller's transaction: it exists exactly if the event does. */
  async enqueue(em: EntityManager, m: NewMessage): Promise<void> {
    await em.insert(OutboxMessage, {
      channel: m.channel,
      kind: m.kind,
      ticketId: m.ticketId,
      recipient: m.recipient,
      payload: m.payload,
      messageKey: `${m.channel}-${randomUUID()}`,
      status: m.skipped ? 'skipped' : 'pending',
      attempts: 0,
      nextAttemptAt: m.dueAt ?? m.now,
      lockedBy: null,
      lastError: m.skipped ?? null,
      receipt: null,
      createdAt: m.now,
      updatedAt: m.now,
      sentAt: null,
    });
  }

  async list(q: OutboxListQuery): Promise<Page<OutboxView>> {
    const qb = this.messages.createQueryBuilder('o');
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.channel) qb.andWhere('o.channel = :channel', { channel: q.channel });
    const [rows, total] = await qb
      .orderBy('o.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => this.view(r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The channel of a message (404 when there is none). */
  async channelOf(id: number): Promise<string> {
    const row = await this.messages.findOne({ where: { id }, select: { id: true, channel: true } });
    if (!row) throw notFound('Message');
    return row.channel;
  }

  /** A failed or skipped message goes back to the queue, due now, with a fresh count. */
  async retry(id: number, principal?: Principal): Promise<OutboxView> {
    const row = await this.messages.findOneBy({ id });
    if (!row) throw notFound('Message');
    if (row.status !== 'failed' && row.status !== 'skipped') {
      throw new DomainError('CONFLICT', `A ${row.status} message cannot be retried`);
    }
    const now = this.clock.now();
    await this.messages.manager.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedBy: null, updatedAt: now })
        .where('id = :id AND status = :status', { id, status: row.status })
        .execute();
      if (res.affected !== 1) throw new DomainError('CONFLICT', 'The message changed meanwhile');
      await this.audit.record(
        {
          action: 'outbox.retry',
          entity: 'outbox',
          entityId: id,
          before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
          after: { status: 'pending' },
        },
        em,
        principal,
      );
    });
    return this.view(await this.messages.findOneByOrFail({ id }));
  }

  private view(r: OutboxMessage): OutboxView {
    const ticketNo = r.payload?.ticketNo;
    return {
      id: r.id,
      channel: r.channel,
      kind: r.kind,
      ticketId: r.ticketId,
      ticketNo: typeof ticketNo === 'string' ? ticketNo : null,
      recipient: r.recipient,
      status: r.status,
      attempts: r.attempts,
      maxAttempts: this.config.outbox.maxAttempts,
      lastError: r.lastError,
      receipt: r.receipt,
      pushStatus:
        r.status === 'sent' && r.receipt?.includes('"verdict":"duplicate"')
          ? 'duplicate'
          : r.status,
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
      messageKey: r.messageKey,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      sentAt: r.sentAt,
    };
  }
}
