import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { OrganisationService } from '../organisation/organisation.service';
import { SettingsService } from '../settings/settings.service';

/**
 * How long this instance answers a month's scores from its cache. The staleness bound across
 * instances: a change made through another instance (a rating, a ticket move, a rename, new
 * weights) shows here at most this long after it was committed. A change made through this
 * instance clears the cache at once.
 */
export const SCORES_CACHE_MS = 2_000;

/**
 * The computed monthly scores of this instance, per month and unit type: 6,000 staff rows cost
 * far more to read, rank and mark than a dashboard may wait for (docs/benchmarks.md, change 4).
 *
 * Everything an answer depends on calls `invalidate` when it changes: rollup writes
 * (RollupService), rebuild and freeze (ScoresService), settings and organisation changes (their
 * `onChange`). A change made inside a transaction clears the cache again when that transaction
 * commits or rolls back, so an answer read before the commit is never kept after it. Entries are
 * promises: concurrent first reads share one computation, and a failed one is not kept. Callers
 * must not modify what they are given.
 */
@Injectable()
export class ScoresCache implements EntitySubscriberInterface {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  /** Transactions that changed what the scores show and have not ended yet. */
  private readonly open = new WeakSet<QueryRunner>();

  constructor(
    dataSource: DataSource,
    settings: SettingsService,
    organisation: OrganisationService,
  ) {
    dataSource.subscribers.push(this);
    settings.onChange(() => this.invalidate());
    organisation.onChange(() => this.invalidate());
  }

  /** The cached value of `key`, or `load()`'s, kept for SCORES_CACHE_MS. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < SCORES_CACHE_MS) return hit.value as Promise<T>;
    // Expired answers go too: a 6,000-row view is megabytes, kept only while it is fresh.
    for (const [k, e] of this.entries) if (now - e.at >= SCORES_CACHE_MS) this.entries.delete(k);
    const value = load();
    const entry = { at: now, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /**
   * Something the scores show changed, or is changing in `em`'s transaction: forget every answer
   * now, and once more when that transaction ends.
   */
  invalidate(em?: EntityManager): void {
    this.entries.clear();
    const runner = em?.queryRunner;
    if (runner?.isTransactionActive) this.open.add(runner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.ended(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.ended(event.queryRunner);
  }

  private ended(runner: QueryRunner): void {
    if (!this.open.has(runner)) return;
    this.entries.clear();
    // A savepoint released or rolled back: the outer transaction is still open.
    if (!runner.isTransactionActive) this.open.delete(runner);
  }
}
