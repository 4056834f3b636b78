import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

interface Code2SessionAnswer {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

const TIMEOUT_MS = 5000;

/** WeChat did not answer (network, timeout, HTTP status): worth trying again later. */
export class WechatUnreachable extends Error {}

/** An answer of WeChat's server API: errcode 0 (or absent) is success. */
export interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}

export interface StableTokenAnswer extends WechatAnswer {
  access_token?: string;
  expires_in?: number;
}

/** The body of subscribeMessage.send. */
export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: 'formal' | 'trial' | 'developer';
  lang: 'zh_CN';
}

// Node's global fetch (undici); typed narrowly here since the project's lib has no DOM.
type FetchResponse = { ok: boolean; status: number; json(): Promise<unknown> };

/**
 * WeChat's server API: code2Session (a login code from wx.login → the user's openid),
 * stable_token (the access token) and subscribeMessage.send. URLs with an access token, and
 * openids, never reach a log.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger('WeChat');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<{ openid: string }> {
    const { appId, secret, apiBase } = this.config.wechat;
    if (!appId || !secret) {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'WeChat login is not configured (WECHAT_APPID, WECHAT_SECRET)',
      );
    }
    const url = new URL(`${apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: appId,
      secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let answer: Code2SessionAnswer;
    try {
      const response = (await fetch(url, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })) as unknown as FetchResponse;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = (await response.json()) as Code2SessionAnswer;
    } catch (error) {
      this.logger.warn(
        `code2Session unreachable: ${error instanceof Error ? error.message : 'unknown'}`,
      );
      throw new DomainError('BAD_GATEWAY', 'WeChat did not answer; try again');
    }
    const errcode = answer.errcode ?? 0;
    if (errcode === 0 && answer.openid) return { openid: answer.openid };
    switch (errcode) {
      case 40029: // invalid code
      case 40163: // code been used
      case 40226: // high-risk user blocked
        throw new DomainError(
          'INVALID_CREDENTIALS',
          `WeChat refused the login code (errcode ${errcode})`,
        );
      case 45011: // API minute-quota reached
        throw new DomainError('RATE_LIMITED', 'WeChat login is busy; try again in a minute');
      default:
        this.logger.warn(`code2Session errcode ${errcode}`);
        throw new DomainError('BAD_GATEWAY', `WeChat login failed (errcode ${errcode})`);
    }
  }

  /** Whether the mini-program's credentials are configured at all. */
  configured(): boolean {
    return !!(this.config.wechat.appId && this.config.wechat.secret);
  }

  /**
   * getStableAccessToken: the same token to every caller while it is valid; `forceRefresh`
   * (limited by WeChat to a few a day) only after WeChat itself called ours invalid.
   */
  async stableToken(forceRefresh: boolean): Promise<StableTokenAnswer> {
    const { appId, secret } = this.config.wechat;
    return this.postJson('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: appId,
      secret,
      force_refresh: forceRefresh,
    });
  }

  /** subscribeMessage.send; `messageKey` travels as Idempotency-Key for a receiver that drops duplicates. */
  async sendSubscribeMessage(
    accessToken: string,
    message: SubscribeMessage,
    messageKey: string,
  ): Promise<WechatAnswer> {
    return this.postJson(
      `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`,
      message,
      { 'Idempotency-Key': messageKey },
    );
  }

  private async postJson<T extends WechatAnswer>(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const name = path.split('?')[0];
    let response: FetchResponse;
    try {
      response = await fetch(`${this.config.wechat.apiBase}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new WechatUnreachable(
        `${name}: ${error instanceof Error ? error.message : 'no answer'}`,
      );
    }
    if (!response.ok) throw new WechatUnreachable(`${name}: HTTP ${response.status}`);
    try {
      return (await response.json()) as T;
    } catch {
      throw new WechatUnreachable(`${name}: the answer is not JSON`);
    }
  }
}
