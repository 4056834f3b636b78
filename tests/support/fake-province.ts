import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http';

/** One request the gateway received: path, headers that matter and the body as sent. */
export interface ProvinceCall {
  path: string;
  key: string | null;
  signature: string | null;
  raw: string;
  body: Record<string, unknown>;
}

/** An answer to script: HTTP status and JSON body, or a dropped connection. */
export type ProvinceAnswer = { status: number; body: unknown } | 'drop';

/**
 * A local stand-in for a provincial 好差评 gateway (Epoint-style JSON: `{success, code, msg}`):
 * records every call; answers `{success: true, code: "200"}` unless a test scripts the next
 * answers (a failure, "评价数据不可重复", a dropped connection).
 */
export interface FakeProvince {
  base: string;
  calls: ProvinceCall[];
  answerNext(...answers: ProvinceAnswer[]): void;
  close(): Promise<void>;
}

export async function startFakeProvince(): Promise<FakeProvince> {
  const scripted: ProvinceAnswer[] = [];
  const calls: ProvinceCall[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      calls.push({
        path: req.url ?? '',
        key: (req.headers['idempotency-key'] as string | undefined) ?? null,
        signature: (req.headers['x-signature'] as string | undefined) ?? null,
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      const answer = scripted.shift() ?? { status: 200, body: { success: true, code: '200' } };
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
  return {
    base: `http://127.0.0.1:${port}/gateway`,
    calls,
    answerNext: (...answers) => scripted.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
