import { answerFlagsError, fillJsonTemplate } from '@haochaping/domain';
import { noAnswer, postJson } from '../common/post-json';
import type { SmsMessage, SmsOutcome, SmsProvider } from './sms-provider';

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
    let answer: { status: number; text: string };
    try {
      answer = await postJson(this.url, body, { 'idempotency-key': key });
    } catch (error) {
      return { status: 'retry', error: noAnswer('the SMS gateway', error) };
    }
    const { status, text } = answer;
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

/** An error flag in a JSON answer (the rule of the provincial gateways, libs/domain). */
function flagsError(text: string): boolean {
  try {
    return answerFlagsError(JSON.parse(text));
  } catch {
    return false;
  }
}
