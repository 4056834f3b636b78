import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import {
  COUNTER_INDEX,
  COUNTERS,
  nextMonth,
  UNIT_TYPES,
  type Counter,
  type UnitType,
} from '@haochaping/domain';
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
 *
 * A month's rollup counters (`counters`, read from the database) are not read again after a
 * rollup write of this instance: the write's deltas are added to them when its transaction
 * commits (see `writing`), so the first answer after a rating is computed from memory
 * (docs/benchmarks.md, change 16). They keep the time they were read at, so the staleness bound
 * across instances is unchanged.
 */
@Injectable()
export class ScoresCache implements EntitySubscriberInterface {
  private readonly entries = new Map<string, Entry>();
  /** Transactions that changed what the scores show and have not ended yet: the months cleared. */
  private readonly open = new WeakMap<QueryRunner, Scope>();
  /** Months with rollup writes in transactions that have not ended (see `writing`). */
  private readonly writes = new Map<string, MonthWrites>();
  /** The deltas each open transaction has written, added to the counters if it commits. */
  private readonly deltas = new WeakMap<QueryRunner, RollupChange[]>();
  /** Open transactions that change every month (a rebuild). */
  private readonly rebuilding = new Set<QueryRunner>();

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
    const entry: Entry = { at: now, value, settled: false, result: undefined };
    this.entries.set(key, entry);
    value.then(
      (result) => {
        entry.settled = true;
        entry.result = result;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /**
   * A month's counters by unit id (`load` reads them from the rollup rows): each unit's values in
   * the order of COUNTERS. A committed rollup write replaces the changed units' arrays in the
   * map; an array is never changed once in it.
   */
  counters(
    month: string,
    by: UnitType,
    load: () => Promise<Map<number, number[]>>,
  ): Promise<Map<number, number[]>> {
    return this.get(countersKey(month, by), load);
  }

  /**
   * A rollup write of `months` is about to run in `em`'s transaction (RollupService calls it
   * before its UPDATE, and `written` after it). The months' counters read before the first such
   * write are set aside; once every transaction writing a month has ended, they get the deltas of
   * those that committed and are kept again. Counters read meanwhile may hold uncommitted
   * changes (SQLite's one connection sees them) and are dropped, as are the set-aside ones if a
   * savepoint rolled back or everything was cleared.
   */
  writing(em: EntityManager, months: Iterable<string>): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) {
      // Written at once, outside any transaction: nothing set aside knows of it.
      for (const month of months) this.forget(month);
      return;
    }
    for (const month of months) {
      let w = this.writes.get(month);
      if (!w) {
        // While a rebuild is open, counters read may hold its uncommitted rows.
        w = { kept: this.rebuilding.size ? null : new Map(), open: new Set(), committed: [] };
        const now = performance.now();
        for (const by of UNIT_TYPES) {
          const key = countersKey(month, by);
          const entry = this.entries.get(key);
          if (entry?.settled && now - entry.at < SCORES_CACHE_MS) w.kept?.set(key, entry);
        }
        this.writes.set(month, w);
      }
      w.open.add(runner);
    }
  }

  /**
   * The rollup write announced by `writing` ran (`changes`: what it added to each unit's row),
   * or failed (no changes). Clears what `invalidate` clears, and keeps the changes for the commit.
   */
  written(em: EntityManager, months: Iterable<string>, changes?: readonly RollupChange[]): void {
    const list = [...months];
    const runner = em.queryRunner;
    if (runner?.isTransactionActive && changes) {
      const mine = this.deltas.get(runner) ?? [];
      for (const change of changes) mine.push(change);
      this.deltas.set(runner, mine);
    } else {
      for (const month of list) this.forget(month);
    }
    this.invalidate(em, list);
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
    } else {
      // A rebuild rewrites every counter: nothing set aside may come back.
      for (const month of this.writes.keys()) this.forget(month);
    }
    this.clear(scope);
    const runner = em?.queryRunner;
    if (runner?.isTransactionActive) {
      this.open.set(runner, merged(this.open.get(runner), scope));
      if (scope === ALL) this.rebuilding.add(runner);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.ended(event.queryRunner, true);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.ended(event.queryRunner, false);
  }

  private ended(runner: QueryRunner, committed: boolean): void {
    const scope = this.open.get(runner);
    if (!scope) return;
    this.clear(scope);
    // A savepoint released or rolled back: the outer transaction is still open. What a rolled
    // back savepoint undid is not known here: the set-aside counters cannot be patched.
    if (runner.isTransactionActive) {
      if (!committed)
        for (const [month, w] of this.writes) if (w.open.has(runner)) this.forget(month);
      return;
    }
    this.open.delete(runner);
    if (this.rebuilding.delete(runner)) for (const month of this.writes.keys()) this.forget(month);
    const mine = committed ? (this.deltas.get(runner) ?? []) : [];
    this.deltas.delete(runner);
    for (const [month, w] of this.writes) {
      if (!w.open.delete(runner)) continue;
      for (const change of mine) if (change.month === month) w.committed.push(change);
      if (w.open.size > 0) continue;
      this.writes.delete(month);
      if (!w.kept) continue;
      const now = performance.now();
      for (const [key, entry] of w.kept) {
        if (now - entry.at >= SCORES_CACHE_MS) continue;
        const byUnit = entry.result as Map<number, number[]>;
        for (const change of w.committed) {
          if (countersKey(change.month, change.unitType) !== key) continue;
          // A new array for a changed unit: what was computed from the old one can tell.
          const values = [...(byUnit.get(change.unitId) ?? COUNTERS.map(() => 0))];
          for (const [counter, n] of change.sums) values[COUNTER_INDEX[counter]] += n;
          byUnit.set(change.unitId, values);
        }
        this.entries.set(key, entry);
      }
    }
  }

  /** The month's set-aside counters cannot be patched: they go. */
  private forget(month: string): void {
    const w = this.writes.get(month);
    if (w) w.kept = null;
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

const countersKey = (month: string, by: UnitType) => `counters|${month}|${by}`;

interface Entry {
  at: number;
  value: Promise<unknown>;
  settled: boolean;
  result: unknown;
}

/** What a rollup write added to one unit's row of a month. */
export interface RollupChange {
  month: string;
  unitType: UnitType;
  unitId: number;
  sums: ReadonlyMap<Counter, number>;
}

/** A month's rollup writes in transactions that have not ended. */
interface MonthWrites {
  /** Its counters read before the first of them, to patch; null once they cannot be. */
  kept: Map<string, Entry> | null;
  /** The transactions writing it. */
  open: Set<QueryRunner>;
  /** The changes of those that committed. */
  committed: RollupChange[];
}
/** The months whose answers a change clears, or all of them. */
type Scope = Set<string> | typeof ALL;

function merged(a: Scope | undefined, b: Scope): Scope {
  if (a === undefined) return b;
  if (a === ALL || b === ALL) return ALL;
  return new Set([...a, ...b]);
}
