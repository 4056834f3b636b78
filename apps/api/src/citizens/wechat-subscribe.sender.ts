import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PiiService } from '../common/pii.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OutboxMessage } from '../outbox/entities/outbox-message.entity';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import type { Delivery, OutboxSender } from '../outbox/outbox-sender';
import { SettingsService } from '../settings/settings.service';
import { Citizen } from './entities/citizen.entity';
import { WechatSubscription } from './entities/wechat-subscription.entity';
import { templateData } from './subscribe-template';
import { WechatAccessToken, WechatTokenError } from './wechat-access-token';
import { WechatClient, WechatUnreachable, type WechatAnswer } from './wechat.client';

/** The channel name of citizen subscribe messages in the outbox. */
export const WECHAT_CHANNEL = 'wechat';

/** What a ticket-progress message carries in the outbox (written by the ticket workflow). */
export interface ProgressPayload {
  ticketNo: string;
  status: string;
  content: string;
  time: string;
}

/** errcodes of subscribeMessage.send that no retry can change. */
const FINAL = new Set([40003, 40037, 47003]);
/** The access token is invalid or expired: refresh once and send again. */
const STALE_TOKEN = new Set([40001, 42001]);
/** The user refused, or has no subscription left: nothing to send, nothing to retry. */
const NO_SUBSCRIPTION = 43101;

/**
 * Delivers `wechat` outbox messages as subscribe messages (subscribeMessage.send) to the citizen
 * whose rating or complaint the ticket is about, if they accepted the template: each accepted
 * one-time subscription allows one message. errcodes: 40001/42001 → a new token, once; 43101 →
 * skipped; 40003/40037/47003 → failed; -1, others and no answer → tried again later.
 */
@Injectable()
export class WechatSubscribeSender implements OutboxSender, OnModuleInit {
  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly wechat: WechatClient,
    private readonly token: WechatAccessToken,
    private readonly pii: PiiService,
    private readonly settings: SettingsService,
    @InjectRepository(Citizen) private readonly citizens: Repository<Citizen>,
    @InjectRepository(WechatSubscription)
    private readonly subscriptions: Repository<WechatSubscription>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(WECHAT_CHANNEL, this);
  }

  async deliver(message: OutboxMessage): Promise<Delivery> {
    const templateId = this.config.wechat.templateTicketProgress;
    if (!this.wechat.configured() || !templateId) {
      return {
        status: 'skipped',
        error:
          'WeChat subscribe messages are not configured (WECHAT_APPID, WECHAT_SECRET, WECHAT_TEMPLATE_TICKET_PROGRESS)',
      };
    }
    const citizenId = Number(/^citizen:(\d+)$/.exec(message.recipient)?.[1] ?? 0);
    const citizen = citizenId ? await this.citizens.findOneBy({ id: citizenId }) : null;
    if (!citizen?.openidEnc) {
      return { status: 'skipped', error: 'the citizen has no WeChat openid on record' };
    }
    const subscription = await this.subscriptions.findOneBy({ citizenId, templateId });
    if (!subscription || subscription.remaining <= 0) {
      return { status: 'skipped', error: 'no subscription left (the citizen did not accept one)' };
    }

    const openid = this.pii.decrypt(citizen.openidEnc);
    const payload = message.payload as unknown as ProgressPayload;
    const { subscribeTemplateFields } = await this.settings.get();
    const body = {
      touser: openid,
      template_id: templateId,
      page: `pages/mine/index?ticketNo=${encodeURIComponent(payload.ticketNo)}`,
      data: templateData({ ...payload, time: new Date(payload.time) }, subscribeTemplateFields),
      miniprogram_state: this.config.wechat.miniprogramState,
      lang: 'zh_CN' as const,
    };

    let answer: WechatAnswer;
    try {
      let token = await this.token.current();
      answer = await this.wechat.sendSubscribeMessage(token, body, message.messageKey);
      if (STALE_TOKEN.has(answer.errcode ?? 0)) {
        token = await this.token.refresh(token);
        answer = await this.wechat.sendSubscribeMessage(token, body, message.messageKey);
      }
    } catch (error) {
      if (error instanceof WechatUnreachable || error instanceof WechatTokenError) {
        return { status: 'retry', error: error.message };
      }
      throw error;
    }

    const errcode = answer.errcode ?? 0;
    // WeChat's errmsg never needs the openid; make sure it cannot carry it into our records.
    const why = `errcode ${errcode}: ${(answer.errmsg ?? '').split(openid).join('[openid]')}`;
    const used = (remaining: string) => (em: EntityManager) =>
      em
        .createQueryBuilder()
        .update(WechatSubscription)
        .set({ remaining: () => remaining })
        .where('id = :id AND remaining > 0', { id: subscription.id })
        .execute()
        .then(() => undefined);
    if (errcode === 0) return { status: 'sent', commit: used('remaining - 1') };
    if (errcode === NO_SUBSCRIPTION) return { status: 'skipped', error: why, commit: used('0') };
    if (FINAL.has(errcode)) return { status: 'failed', error: why };
    return { status: 'retry', error: why };
  }
}
