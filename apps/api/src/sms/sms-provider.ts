import type { SmsTemplateValues } from '@haochaping/domain';

/** One SMS as the providers take it: the number in full (decrypted for this send only). */
export type SmsMessage = SmsTemplateValues;

/** What became of one send: a provider never throws for the gateway's own failures. */
export type SmsOutcome =
  | { status: 'sent'; receipt?: string }
  | { status: 'retry' | 'failed'; error: string; receipt?: string };

/**
 * An SMS provider (SMS_PROVIDER): Alibaba Cloud SMS, a generic HTTP gateway, or the log-only
 * sender for development. `key` is the outbox message's key, for gateways that drop duplicates.
 */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage, key: string): Promise<SmsOutcome>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
