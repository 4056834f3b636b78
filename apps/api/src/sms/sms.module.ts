import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { Rating } from '../ratings/entities/rating.entity';
import { Transaction } from '../transactions/entities/transaction.entity';
import { TransactionsModule } from '../transactions/transactions.module';
import { HttpSmsProvider } from './http-sms.provider';
import { LogSmsProvider } from './log-sms.provider';
import { SMS_PROVIDER, type SmsProvider } from './sms-provider';
import { SmsInvitations } from './sms-invitations';

/**
 * The provider SMS_PROVIDER names: aliyun, http, or log (development; the default). Alibaba
 * Cloud's SDK is loaded only when it is the one named: it was ~0.2 s of every start-up
 * (docs/benchmarks.md, change 17).
 */
export async function smsProvider(config: AppConfig): Promise<SmsProvider> {
  const sms = config.sms;
  switch (sms.provider) {
    case 'aliyun': {
      const { AliyunSmsProvider } = await import('./aliyun-sms.provider');
      return new AliyunSmsProvider(sms);
    }
    case 'http':
      return new HttpSmsProvider(sms.url, sms.bodyTemplate);
    case 'log':
      return new LogSmsProvider();
  }
}

/**
 * SMS rating invitations on the outbox's `sms` channel (the setting smsInvitation switches the
 * job that queues them on; SMS_PROVIDER picks who sends them).
 */
@Module({
  imports: [OutboxModule, TransactionsModule, TypeOrmModule.forFeature([Transaction, Rating])],
  providers: [
    { provide: SMS_PROVIDER, useFactory: smsProvider, inject: [APP_CONFIG] },
    SmsInvitations,
  ],
  exports: [SmsInvitations, SMS_PROVIDER],
})
export class SmsModule {}
