import { fillJsonTemplate } from '@haochaping/domain';
import type { SmsMessage, SmsOutcome, SmsProvider } from './sms-provider';

const TIMEOUT_MS = 5000;

// Node's global fetch (undici); typed narrowly here since the project's lib has no DOM.
type FetchResponse = { status: number; text(): Promise<string> };

/**
 * A generic HTTP SMS gateway (many provinces run their own government SMS platform): POSTs the
 * JSON body template (SMS_HTTP_BODY_TEMPLATE) with {phone} {url} {transactionNo} {text} filled
 * in, to SMS_HTTP_URL, with the outbox key as Idempotency-Key. HTTP 2xx without an error flag
 * (`success: false`, a `code` other than 0/200/OK) is sent; 4xx other than 408/429 failed; the
 * rest is tried again.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(
    private readonly url: string,
    private readonly bodyTemplate: string,
  ) {}

  async send(message: SmsMessage, key: string): Promise<SmsOutcome> {
    const body = JSON.stringify(fillJsonTemplate(this.bodyTemplate, message));
    let status: number;
    let text: string;
    try {
      const response = (await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })) as unknown as FetchResponse;
      status = response.status;
      text = await response.text();
    } catch (error) {
      return {
        status: 'retry',
        error: `the SMS gateway did not answer: ${error instanceof Error ? error.message : 'unknown'}`,
      };
    }
    const receipt = JSON.stringify({ http: status, body: text.slice(0, 800) });
    if (status >= 200 && status < 300 && !flagsError(text)) return { status: 'sent', receipt };
    const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
    return {
      status: final ? 'failed' : 'retry',
      error: `HTTP ${status}: ${text.slice(0, 300)}`,
      receipt,
    };
  }
}

const OK_CODES = new Set(['0', '00', '000', '0000', '200', 'ok', 'success']);

/** An error flag in a JSON answer: `success: false`, or a `code` that is no success code. */
function flagsError(text: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  if (!body || typeof body !== 'object') return false;
  const b = body as { success?: unknown; code?: unknown };
  if (b.success === false || b.success === 'false') return true;
  if (typeof b.code === 'string' || typeof b.code === 'number') {
    return !OK_CODES.has(String(b.code).toLowerCase());
  }
  return false;
}
