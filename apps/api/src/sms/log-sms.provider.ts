import { Logger } from '@nestjs/common';
import { maskPhone } from '@haochaping/domain';
import type { SmsMessage, SmsOutcome, SmsProvider } from './sms-provider';

/**
 * Development: logs that an SMS would go, to whom (masked: 138****5678) and for which
 * transaction, and counts it as sent. Never the full number, never the link (it is the
 * transaction's rating capability).
 */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';
  private readonly logger = new Logger('Sms');

  send(message: SmsMessage): Promise<SmsOutcome> {
    this.logger.log(
      `SMS (log only, not sent) to ${maskPhone(message.phone)}: rating invitation for ${message.transactionNo}`,
    );
    return Promise.resolve({ status: 'sent', receipt: 'log only' });
  }
}
