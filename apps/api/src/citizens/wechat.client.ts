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

/** WeChat's code2Session (auth.code2Session): a login code from wx.login → the user's openid. */
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
      // Node's global fetch (undici); typed narrowly here since the project's lib has no DOM.
      const response = (await fetch(url, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })) as unknown as {
        ok: boolean;
        status: number;
        json(): Promise<unknown>;
      };
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
}
