import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { invitationText, smsRatingUrl, smsSendableAt } from '@haochaping/domain';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { PiiService } from '../common/pii.service';
import type { OutboxMessage } from '../outbox/entities/outbox-message.entity';
import type { Delivery, OutboxSender } from '../outbox/outbox-sender';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import { OutboxService } from '../outbox/outbox.service';
import { Rating } from '../ratings/entities/rating.entity';
import { Transaction } from '../transactions/entities/transaction.entity';
import { RatingTokenService } from '../transactions/rating-token.service';
import { SMS_PROVIDER, type SmsProvider } from './sms-provider';

/** The channel name of SMS rating invitations in the outbox. */
export const SMS_CHANNEL = 'sms';
export const INVITATION_KIND = 'rating_invitation';

/**
 * SMS rating invitations: `invite` claims a transaction's one invitation (a conditional UPDATE of
 * transactions.smsInvitedAt) and queues it in the same database transaction, due at once or at
 * 08:00 China time when it falls in the quiet hours; the outbox dispatcher hands it to `deliver`,
 * which checks again at send time — not once it was rated meanwhile (the opt-out), not after the
 * rating window, never in the quiet hours — then decrypts the applicant's phone for this one send
 * and passes the rating link (`&channel=sms`) to the configured provider. The outbox row names the
 * transaction, never the number.
 */
@Injectable()
export class SmsInvitations implements OutboxSender, OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly dispatcher: OutboxDispatcher,
    private readonly outbox: OutboxService,
    private readonly tokens: RatingTokenService,
    private readonly pii: PiiService,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(SMS_CHANNEL, this);
  }

  /** Queues the one invitation of a transaction; false when it had one already. */
  async invite(
    transaction: Pick<Transaction, 'id' | 'transactionNo'>,
    now: Date,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const claimed = await em
        .createQueryBuilder()
        .update(Transaction)
        .set({ smsInvitedAt: now })
        .where('id = :id AND smsInvitedAt IS NULL', { id: transaction.id })
        .execute();
      if (claimed.affected !== 1) return false;
      await this.outbox.enqueue(em, {
        channel: SMS_CHANNEL,
        kind: INVITATION_KIND,
        ticketId: null,
        recipient: `applicant:${transaction.id}`,
        payload: { transactionId: transaction.id, transactionNo: transaction.transactionNo },
        now,
        dueAt: smsSendableAt(now),
      });
      return true;
    });
  }

  async deliver(message: OutboxMessage): Promise<Delivery> {
    const now = this.clock.now();
    const transaction = await this.transactions.findOneBy({
      id: Number(message.payload.transactionId),
    });
    if (!transaction) return { status: 'skipped', error: 'the transaction no longer exists' };
    // Checked now, not when queued: a rating (or a default one) made meanwhile ends it.
    if (await this.ratings.existsBy({ transactionId: transaction.id })) {
      return { status: 'skipped', error: '已评价：不再发送邀请 (rated meanwhile)' };
    }
    if (now.getTime() > transaction.tokenExpiresAt.getTime()) {
      return { status: 'skipped', error: '评价期已过 (the rating window has ended)' };
    }
    if (!transaction.applicantPhoneEnc) {
      return { status: 'skipped', error: 'no applicant phone on record' };
    }
    const sendable = smsSendableAt(now);
    if (sendable.getTime() !== now.getTime()) {
      return { status: 'deferred', until: sendable, reason: 'quiet hours (21:00–08:00)' };
    }
    const url = smsRatingUrl(
      this.tokens.ratingUrl(this.tokens.sign(transaction.id, transaction.tokenExpiresAt)),
    );
    const outcome = await this.provider.send(
      {
        phone: this.pii.decrypt(transaction.applicantPhoneEnc),
        url,
        transactionNo: transaction.transactionNo,
        text: invitationText({ transactionNo: transaction.transactionNo, url }),
      },
      message.messageKey,
    );
    return outcome;
  }
}
