import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  evaluationRecord,
  gatewayVerdict,
  rectificationRecord,
  type ProvinceSettings,
  type RatingLevel,
} from '@haochaping/domain';
import { sm2 } from 'sm-crypto';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { noAnswer, postJson } from '../common/post-json';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Department } from '../organisation/entities/department.entity';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import type { OutboxMessage } from '../outbox/entities/outbox-message.entity';
import type { Delivery, OutboxSender } from '../outbox/outbox-sender';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import { FollowUp } from '../ratings/entities/follow-up.entity';
import { Rating } from '../ratings/entities/rating.entity';
import { SettingsService } from '../settings/settings.service';
import { TicketVisit } from '../tickets/entities/ticket-visit.entity';
import { Ticket } from '../tickets/entities/ticket.entity';
import { Transaction } from '../transactions/entities/transaction.entity';
import { NO_NATIONAL_CODE, PROVINCE_CHANNEL, type ProvinceKind } from './province-push.service';

/** A record and the gateway path it goes to. */
type Built = { path: 'evaluation' | 'rectification'; record: object } | { skip: string };

/**
 * Delivers `province` outbox messages to the provincial 好差评 platform: builds the record from
 * the stored rows at send time (libs/domain/src/province.ts owns the field mapping), POSTs it as
 * JSON to PROVINCE_API_BASE/evaluation or /rectification with the message key as
 * Idempotency-Key, signed with SM2 (X-Signature: DER hex over the exact body, SM3 with the
 * default user id) when PROVINCE_SM2_PRIVATE_KEY is set. HTTP 2xx without an error flag is sent;
 * "评价数据不可重复" is sent too (kept as duplicate); anything else is tried again (30 s, then
 * doubling) until the attempts run out. The gateway's answer is kept as the receipt.
 */
@Injectable()
export class ProvinceSender implements OutboxSender, OnModuleInit {
  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(PROVINCE_CHANNEL, this);
  }

  async deliver(message: OutboxMessage): Promise<Delivery> {
    const base = this.config.province.apiBase;
    if (!base) return { status: 'skipped', error: 'PROVINCE_API_BASE is not set' };
    const built = await this.build(
      this.dataSource.manager,
      message.kind as ProvinceKind,
      Number(message.payload.id),
    );
    if ('skip' in built) return { status: 'skipped', error: built.skip };
    const body = JSON.stringify(built.record);
    const headers: Record<string, string> = { 'idempotency-key': message.messageKey };
    const key = this.config.province.sm2PrivateKey;
    if (key) {
      headers['x-signature'] = sm2.doSignature(body, key, { hash: true, der: true });
      headers['x-signature-algorithm'] = 'SM2';
    }
    let reply: { status: number; text: string };
    try {
      reply = await postJson(`${base}/${built.path}`, body, headers);
    } catch (error) {
      return { status: 'retry', error: noAnswer('the provincial platform', error) };
    }
    const { status, text } = reply;
    let answer: unknown = text;
    try {
      answer = JSON.parse(text);
    } catch {
      // Not JSON: judged as text.
    }
    const verdict = gatewayVerdict(status, answer);
    const receipt = JSON.stringify({ http: status, verdict, body: text.slice(0, 800) });
    if (verdict !== 'rejected') return { status: 'sent', receipt };
    return { status: 'retry', error: `HTTP ${status}: ${text.slice(0, 300)}`, receipt };
  }

  /** The record of a queued message, from the rows as they are now. */
  async build(em: EntityManager, kind: ProvinceKind, id: number): Promise<Built> {
    const s = await this.settings.get();
    const settings: ProvinceSettings = { areaCode: s.areaCode, ...s.provincePush };
    if (kind === 'rectification') {
      const ticket = await em.findOneBy(Ticket, { id });
      if (!ticket) return { skip: `ticket ${id} no longer exists` };
      const parts = await this.parts(em, ticket.transactionId);
      if ('skip' in parts) return parts;
      const visit = await em.findOne(TicketVisit, {
        where: { ticketId: id },
        order: { visitedAt: 'ASC' },
      });
      return {
        path: 'rectification',
        record: rectificationRecord(
          {
            transactionNo: parts.transaction.transactionNo,
            ticketNo: ticket.ticketNo,
            department: parts.department,
            outcome: ticket.outcome,
            reply: ticket.reply,
            closedAt: ticket.closedAt ?? ticket.updatedAt,
            visitedAt: visit?.visitedAt ?? null,
          },
          settings,
        ),
      };
    }
    const followUp = kind === 'follow_up' ? await em.findOneBy(FollowUp, { id }) : null;
    if (kind === 'follow_up' && !followUp) return { skip: `follow-up ${id} no longer exists` };
    const rating = await em.findOneBy(Rating, { id: followUp?.ratingId ?? id });
    if (!rating) return { skip: `rating ${followUp?.ratingId ?? id} no longer exists` };
    if (rating.voided) return { skip: 'the rating was voided by an upheld appeal' };
    const parts = await this.parts(em, rating.transactionId);
    if ('skip' in parts) return parts;
    const options = await this.settings.optionsVersion(rating.optionsVersion);
    const level = (followUp?.level ?? rating.level) as RatingLevel;
    return {
      path: 'evaluation',
      record: evaluationRecord(
        {
          transactionNo: parts.transaction.transactionNo,
          applicantType: parts.transaction.applicantType,
          item: { ...parts.item, nationalCode: parts.item.nationalCode as string },
          department: parts.department,
          level,
          channel: rating.isDefault ? 'default' : rating.channel,
          // A follow-up carries its own words and, at most, a new level: no tags.
          tags: followUp ? [] : rating.tags,
          options: options?.levels ?? [],
          comment: followUp ? followUp.comment : rating.comment,
          at: followUp ? followUp.createdAt : rating.createdAt,
          assessNumber: followUp ? 2 : 1,
        },
        settings,
      ),
    };
  }

  private async parts(
    em: EntityManager,
    transactionId: number,
  ): Promise<
    { skip: string } | { transaction: Transaction; item: ServiceItem; department: Department }
  > {
    const transaction = await em.findOneBy(Transaction, { id: transactionId });
    if (!transaction) return { skip: `transaction ${transactionId} no longer exists` };
    const [item, department] = await Promise.all([
      em.findOneBy(ServiceItem, { id: transaction.serviceItemId }),
      em.findOneBy(Department, { id: transaction.departmentId }),
    ]);
    if (!item?.nationalCode) return { skip: NO_NATIONAL_CODE };
    if (!department) return { skip: `department ${transaction.departmentId} no longer exists` };
    return { transaction, item, department };
  }
}
