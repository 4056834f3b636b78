import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http';

export interface SubscribeSend {
  accessToken: string;
  /** The Idempotency-Key header: the outbox message's per-row key. */
  key: string | null;
  body: {
    touser: string;
    template_id: string;
    page: string;
    data: Record<string, { value: string }>;
    miniprogram_state: string;
    lang: string;
  };
  answer: { errcode: number; errmsg: string };
}

/**
 * A local stand-in for api.weixin.qq.com speaking its JSON (errcodes included, answered as
 * text/plain like WeChat): code2Session (js_code "good-<x>" → openid "openid-<x>"), stable_token
 * (one token while valid; a new one on force_refresh) and subscribeMessage.send, whose answers a
 * test can script.
 */
export interface FakeWechat {
  server: Server;
  base: string;
  /** Every request's URL (code2Session tests read the query). */
  calls: URL[];
  /** stable_token requests, in order. */
  tokenCalls: { appid: string; forceRefresh: boolean }[];
  /** subscribeMessage.send requests that carried a valid token, in order, with their answers. */
  sends: SubscribeSend[];
  /** Answer the next sends with these errcodes, or drop the connection (then 0 again). */
  failNextSends(...answers: (number | 'drop')[]): void;
  /** WeChat forgets the token it issued: the next send with it gets 40001. */
  invalidateToken(): void;
  /** Milliseconds each send takes to be answered (a slow WeChat). */
  sendDelayMs: number;
  /** Runs when a send arrives, before it is answered (e.g. to kill the sender). */
  beforeAnswer?: (send: SubscribeSend) => Promise<void> | void;
  close(): Promise<void>;
}

const ERRMSG: Record<number, string> = {
  0: 'ok',
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40003: 'invalid openid',
  40037: 'invalid template_id',
  43101: 'user refuse to accept the msg',
  47003: 'argument invalid! data.thing3.value invalid',
};

export function startFakeWechat(appid = 'wx-test-app'): Promise<FakeWechat> {
  let issued = 0;
  let token: string | null = null;
  const scripted: (number | 'drop')[] = [];
  const fake: FakeWechat = {
    server: undefined as unknown as Server,
    base: '',
    calls: [],
    tokenCalls: [],
    sends: [],
    sendDelayMs: 0,
    failNextSends: (...errcodes) => scripted.push(...errcodes),
    invalidateToken: () => {
      token = null;
    },
    close: () => new Promise((resolve) => fake.server.close(() => resolve())),
  };

  fake.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    fake.calls.push(url);
    res.setHeader('content-type', 'text/plain'); // WeChat really answers JSON as text/plain
    const answer = (body: object) => res.end(JSON.stringify(body));
    void (async () => {
      if (url.pathname === '/sns/jscode2session') {
        if (url.searchParams.get('appid') !== appid) {
          return answer({ errcode: 40013, errmsg: 'invalid appid' });
        }
        const code = url.searchParams.get('js_code') ?? '';
        if (code.startsWith('good-')) {
          return answer({ openid: `openid-${code.slice(5)}`, session_key: 'sk' });
        }
        if (code === 'used-code') return answer({ errcode: 40163, errmsg: 'code been used' });
        if (code === 'busy') return answer({ errcode: -1, errmsg: 'system error' });
        return answer({ errcode: 40029, errmsg: 'invalid code' });
      }
      if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
        const body = JSON.parse(await readBody(req)) as {
          grant_type: string;
          appid: string;
          secret: string;
          force_refresh?: boolean;
        };
        fake.tokenCalls.push({ appid: body.appid, forceRefresh: !!body.force_refresh });
        if (body.appid !== appid || body.grant_type !== 'client_credential') {
          return answer({ errcode: 40013, errmsg: 'invalid appid' });
        }
        if (!token || body.force_refresh) token = `fake-access-token-${++issued}`;
        return answer({ access_token: token, expires_in: 7200 });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
        const accessToken = url.searchParams.get('access_token') ?? '';
        const body = JSON.parse(await readBody(req)) as SubscribeSend['body'];
        if (!token || accessToken !== token) {
          return answer({ errcode: 40001, errmsg: ERRMSG[40001] });
        }
        const next = scripted.shift() ?? 0;
        if (next === 'drop') {
          res.destroy();
          return;
        }
        let errcode = next;
        if (errcode === 0 && body.touser.startsWith('openid-refuse')) errcode = 43101;
        const send: SubscribeSend = {
          accessToken,
          key:
            typeof req.headers['idempotency-key'] === 'string'
              ? req.headers['idempotency-key']
              : null,
          body,
          answer: { errcode, errmsg: ERRMSG[errcode] ?? 'error' },
        };
        fake.sends.push(send);
        if (fake.sendDelayMs) await new Promise((r) => setTimeout(r, fake.sendDelayMs));
        await fake.beforeAnswer?.(send);
        return answer(send.answer);
      }
      res.statusCode = 404;
      answer({ errcode: 404, errmsg: 'not found' });
    })().catch(() => {
      if (!res.writableEnded) res.destroy();
    });
  });
  return new Promise((resolve) =>
    fake.server.listen(0, '127.0.0.1', () => {
      fake.base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
      resolve(fake);
    }),
  );
}
