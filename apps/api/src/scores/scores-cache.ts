import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { nextMonth } from '@haochaping/domain';
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
 * (RollupService) and freeze with the months they touch, rebuild (ScoresService), settings and
 * organisation changes (their `onChange`) for every month. A change to a month clears that
 * month's answers and the next month's (whose last places of two months in a row read it); the
 * other months' stay, so a rating of this month leaves last month's last places computed. A change
 * made inside a transaction clears the same answers again when that transaction commits or rolls
 * back, so an answer read before the commit is never kept after it. Keys are `kind|month|…`.
 * Entries are promises: concurrent first reads share one computation, and a failed one is not
 * kept. Callers must not modify what they are given.
 */
@Injectable()
export class ScoresCache implements EntitySubscriberInterface {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  /** Transactions that changed what the scores show and have not ended yet: the months cleared. */
  private readonly open = new WeakMap<QueryRunner, Scope>();

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
   * Something the scores show changed, or is changing in `em`'s transaction: forget the answers
   * of `months` and of the months after them (every answer without `months`) now, and once more
   * when that transaction ends.
   */
  invalidate(em?: EntityManager, months?: Iterable<string>): void {
    let scope: Scope = ALL;
    if (months) {
      scope = new Set<string>();
      for (const month of months) scope.add(month).add(nextMonth(month));
    }
    this.clear(scope);
    const runner = em?.queryRunner;
    if (runner?.isTransactionActive) this.open.set(runner, merged(this.open.get(runner), scope));
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.ended(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.ended(event.queryRunner);
  }

  private ended(runner: QueryRunner): void {
    const scope = this.open.get(runner);
    if (!scope) return;
    this.clear(scope);
    // A savepoint released or rolled back: the outer transaction is still open.
    if (!runner.isTransactionActive) this.open.delete(runner);
  }

  private clear(scope: Scope): void {
    if (scope === ALL) return this.entries.clear();
    for (const key of this.entries.keys()) {
      const month = key.split('|', 2)[1];
      // A key without a month is cleared by any change.
      if (month === undefined || scope.has(month)) this.entries.delete(key);
    }
  }
}

const ALL = 'all';
/** The months whose answers a change clears, or all of them. */
type Scope = Set<string> | typeof ALL;

function merged(a: Scope | undefined, b: Scope): Scope {
  if (a === undefined) return b;
  if (a === ALL || b === ALL) return ALL;
  return new Set([...a, ...b]);
}
