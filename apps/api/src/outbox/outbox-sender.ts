import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from './entities/outbox-message.entity';

/**
 * What became of one delivery attempt. `commit` is work that belongs with the outcome (e.g. one
 * subscription used up) and runs in the same database transaction as the row's new status.
 */
export type Delivery = (
  | { status: 'sent'; commit?: (em: EntityManager) => Promise<void> }
  | { status: 'skipped' | 'failed'; error: string; commit?: (em: EntityManager) => Promise<void> }
  | { status: 'retry'; error: string }
  /** Not now, and not a failure: due again at `until` (an SMS in the quiet hours). */
  | { status: 'deferred'; until: Date; reason: string }
) & {
  /** The receiver's answer to keep with the message (a province gateway's receipt). */
  receipt?: string;
};

/**
 * A channel's sender (WeChat subscribe messages, …). It reports delivery problems as a Delivery
 * and throws only for what is not the receiver's fault (a bug, the database): then the message
 * stays taken until its lease ends and is tried again.
 */
export interface OutboxSender {
  deliver(message: OutboxMessage): Promise<Delivery>;
}
