import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http';

/** One request the SMS gateway received. */
export interface SmsCall {
  method: string;
  path: string;
  /** The query string's parameters (Alibaba Cloud's RPC style sends them there). */
  query: Record<string, string>;
  key: string | null;
  raw: string;
}

export type SmsAnswer = { status: number; body: unknown } | 'drop';

/**
 * A local stand-in for an SMS gateway: a government SMS platform taking JSON (answers
 * `{code: 0}`) or Alibaba Cloud's SendSms endpoint (answers `{Code: "OK", …}` when the request
 * carries `Action=SendSms` or SendSms's parameters). Records every call; tests script failures.
 */
export interface FakeSms {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** host:port, for SMS_ALIYUN_ENDPOINT with http:// */
  host: string;
  calls: SmsCall[];
  answerNext(...answers: SmsAnswer[]): void;
  /** Answers by the call (e.g. refuse one number) when nothing is scripted; undefined: the default. */
  respond?: (call: SmsCall) => SmsAnswer | undefined;
  close(): Promise<void>;
}

export async function startFakeSms(): Promise<FakeSms> {
  const scripted: SmsAnswer[] = [];
  // eslint-disable-next-line prefer-const -- assigned once the server listens, read per request
  let fake: FakeSms;
  const calls: SmsCall[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const query = Object.fromEntries(url.searchParams.entries());
      const call: SmsCall = {
        method: req.method ?? '',
        path: url.pathname,
        query,
        key: (req.headers['idempotency-key'] as string | undefined) ?? null,
        raw,
      };
      calls.push(call);
      const aliyun = 'PhoneNumbers' in query;
      const answer =
        scripted.shift() ??
        fake.respond?.(call) ??
        (aliyun
          ? { status: 200, body: { Code: 'OK', Message: 'OK', BizId: 'biz-1', RequestId: 'req-1' } }
          : { status: 200, body: { code: 0, msg: 'ok' } });
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake = {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    calls,
    answerNext: (...answers) => scripted.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
