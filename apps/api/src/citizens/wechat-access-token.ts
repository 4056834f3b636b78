import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { PiiService } from '../common/pii.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AccessTokenCache } from './entities/access-token.entity';
import { WechatClient } from './wechat.client';

/** A token is replaced this long before WeChat's expires_in runs out. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/** WeChat refused to issue a token (wrong appid/secret, quota): the send is tried again later. */
export class WechatTokenError extends Error {}

/**
 * The mini-program's access token from stable_token, cached in the database (encrypted) so every
 * instance shares one and asks WeChat only when it is about to expire, or once after WeChat
 * called it invalid (40001/42001).
 */
@Injectable()
export class WechatAccessToken {
  private fetching?: Promise<string>;

  constructor(
    private readonly clock: Clock,
    @InjectRepository(AccessTokenCache) private readonly cache: Repository<AccessTokenCache>,
    private readonly wechat: WechatClient,
    private readonly pii: PiiService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get name(): string {
    return `wechat:${this.config.wechat.appId ?? ''}`.slice(0, 64);
  }

  /** The shared token while it is good for a few more minutes; otherwise a new one. */
  async current(): Promise<string> {
    const cached = await this.cached();
    if (cached) return cached;
    // Sends running side by side in this instance wait for one request, not one each.
    this.fetching ??= this.fetch(false).finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  /**
   * WeChat said `stale` is invalid: take the one another instance stored meanwhile, or make
   * WeChat issue a new one.
   */
  async refresh(stale: string): Promise<string> {
    const cached = await this.cached();
    if (cached && cached !== stale) return cached;
    return this.fetch(true);
  }

  private async cached(): Promise<string | null> {
    const row = await this.cache.findOneBy({ name: this.name });
    if (!row || row.expiresAt.getTime() - REFRESH_BEFORE_MS <= this.clock.nowMs()) return null;
    return this.pii.decrypt(row.tokenEnc);
  }

  private async fetch(forceRefresh: boolean): Promise<string> {
    const answer = await this.wechat.stableToken(forceRefresh);
    if (!answer.access_token || (answer.errcode ?? 0) !== 0) {
      throw new WechatTokenError(
        `stable_token errcode ${answer.errcode ?? '?'}: ${answer.errmsg ?? 'no token'}`,
      );
    }
    const now = this.clock.now();
    const expiresIn = Math.max(60, Number(answer.expires_in) || 7200);
    await this.cache.upsert(
      {
        name: this.name,
        tokenEnc: this.pii.encrypt(answer.access_token),
        expiresAt: new Date(now.getTime() + expiresIn * 1000),
        updatedAt: now,
      },
      ['name'],
    );
    return answer.access_token;
  }
}
