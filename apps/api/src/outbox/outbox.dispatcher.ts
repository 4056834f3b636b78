import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '../common/clock';
import { errorText } from '../common/logging';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { leaseHolder } from '../jobs/lease';
import { retryDelayMs } from './backoff';
import type { OutboxMessage } from './entities/outbox-message.entity';
import type { Delivery, OutboxSender } from './outbox-sender';
import { OutboxRepository } from './outbox.repository';

/** How long a run holds the messages it took: far beyond one send's 5 s timeout. */
export const LEASE_MS = 60_000;
const BATCH = 20;
/** Batches per run at most, so one run ends even while messages keep arriving. */
const MAX_BATCHES = 10;
/** Messages of a batch sent at the same time. */
const PARALLEL = 4;

export interface DispatchResult {
  taken: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Not sent now, due again later without counting as an attempt (an SMS in quiet hours). */
  deferred: number;
}

/**
 * Delivers the outbox: every few seconds (OUTBOX_INTERVAL_SECONDS, where JOBS_ENABLED) it takes
 * the due messages of the channels that have a sender, hands each to its sender and records the
 * outcome. At least once: a message is marked only after its send, so a crash in between leaves
 * it to be sent again when its lease ends, with the same messageKey for the receiver to drop the
 * duplicate. Failures wait 30 s doubling to 1 h; after OUTBOX_MAX_ATTEMPTS attempts the message
 * is `failed` with its last error. Several instances may run it: each message is taken by one.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly holder = leaseHolder();
  private readonly senders = new Map<string, OutboxSender>();
  private runs = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly repo: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A channel's sender; messages of channels without one wait (they are never taken). */
  register(channel: string, sender: OutboxSender): void {
    this.senders.set(channel, sender);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsEnabled) this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.run()
        .catch((error: unknown) => this.logger.error(`dispatch failed: ${errorText(error)}`))
        .finally(() => this.schedule());
    }, this.config.outbox.intervalMs);
    this.timer.unref();
  }

  /** Takes and delivers what is due now; the timer calls it, and so can tests and tools. */
  async run(): Promise<DispatchResult> {
    const result: DispatchResult = {
      taken: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      skipped: 0,
      deferred: 0,
    };
    const runId = `${this.holder}-${++this.runs}`;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const now = this.clock.now();
      const taken = await this.repo.claim({
        channels: [...this.senders.keys()],
        runId,
        now,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        limit: BATCH,
      });
      if (taken.length === 0) break;
      result.taken += taken.length;
      for (let i = 0; i < taken.length; i += PARALLEL) {
        const outcomes = await Promise.all(
          taken.slice(i, i + PARALLEL).map((m) =>
            // Not the receiver's fault (a bug, the database): the message stays taken until its
            // lease ends, then it is tried again.
            this.deliver(m, runId).catch((error: unknown) => {
              this.logger.error(`message ${m.id}: ${errorText(error)}`);
              return null;
            }),
          ),
        );
        for (const outcome of outcomes) if (outcome) result[outcome]++;
      }
      if (taken.length < BATCH) break;
    }
    return result;
  }

  private async deliver(
    message: OutboxMessage,
    runId: string,
  ): Promise<keyof Omit<DispatchResult, 'taken'> | null> {
    const sender = this.senders.get(message.channel);
    if (!sender) return null;
    const delivery: Delivery = await sender.deliver(message);
    const now = this.clock.now();
    const run = { id: message.id, runId };
    const receipt =
      delivery.receipt !== undefined ? { receipt: cutTo(delivery.receipt, 1000) } : {};
    switch (delivery.status) {
      case 'sent':
        await this.repo.finish(
          run,
          { status: 'sent', sentAt: now, lastError: null, updatedAt: now, ...receipt },
          delivery.commit,
        );
        return 'sent';
      case 'skipped':
      case 'failed':
        this.logger.warn(
          `message ${message.id} (${message.channel}/${message.kind}) ${delivery.status}: ${delivery.error}`,
        );
        await this.repo.finish(
          run,
          { status: delivery.status, lastError: cut(delivery.error), updatedAt: now, ...receipt },
          delivery.commit,
        );
        return delivery.status;
      case 'deferred':
        // Not an attempt: the count taken with it is given back.
        await this.repo.finish(run, {
          nextAttemptAt: delivery.until,
          attempts: Math.max(0, message.attempts - 1),
          updatedAt: now,
        });
        return 'deferred';
      case 'retry': {
        const last = message.attempts >= this.config.outbox.maxAttempts;
        this.logger.warn(
          `message ${message.id} (${message.channel}/${message.kind}) attempt ${message.attempts}` +
            `${last ? ', the last,' : ''} failed: ${delivery.error}`,
        );
        await this.repo.finish(
          run,
          last
            ? { status: 'failed', lastError: cut(delivery.error), updatedAt: now, ...receipt }
            : {
                ...receipt,
                lastError: cut(delivery.error),
                nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
                updatedAt: now,
              },
        );
        return last ? 'failed' : 'retried';
      }
    }
  }
}

const cutTo = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 3)}...` : text;
const cut = (text: string): string => cutTo(text, 500);
