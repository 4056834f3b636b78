import { COUNTERS, type Counter, type UnitType } from '@haochaping/domain';
import type {
  DataSource,
  EntityManager,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import type { OrganisationService } from '../organisation/organisation.service';
import type { SettingsService } from '../settings/settings.service';
import { SCORES_CACHE_MS, ScoresCache } from './scores-cache';

function setup() {
  const hooks: (() => void)[] = [];
  const onChange = { onChange: (fn: () => void) => hooks.push(fn) };
  const cache = new ScoresCache(
    { subscribers: [] } as unknown as DataSource,
    onChange as unknown as SettingsService,
    onChange as unknown as OrganisationService,
  );
  const loads = new Map<string, number>();
  /** Reads each key through the cache; the keys whose loader ran. */
  const read = async (...keys: string[]) => {
    const loaded: string[] = [];
    for (const key of keys) {
      await cache.get(key, () => {
        loaded.push(key);
        loads.set(key, (loads.get(key) ?? 0) + 1);
        return Promise.resolve(key);
      });
    }
    return loaded;
  };
  return { cache, read, settingsChanged: () => hooks.forEach((fn) => fn()) };
}

const KEYS = [
  'json|2026-10|staff',
  'last|2026-10|staff',
  'json|2026-11|staff',
  'order|2026-11|staff|name|true',
  'view|2026-12|department',
  'json|2027-01|window',
];

describe('ScoresCache', () => {
  it("clears a changed month's answers and the next month's, and keeps the others", async () => {
    const { cache, read } = setup();
    expect(await read(...KEYS)).toEqual(KEYS);
    expect(await read(...KEYS)).toEqual([]);
    cache.invalidate(undefined, ['2026-11']);
    expect(await read(...KEYS)).toEqual([
      'json|2026-11|staff',
      'order|2026-11|staff|name|true',
      'view|2026-12|department',
    ]);
    // December's next month is January of the next year.
    cache.invalidate(undefined, ['2026-12', '2026-12']);
    expect(await read(...KEYS)).toEqual(['view|2026-12|department', 'json|2027-01|window']);
  });

  it('clears every month for a change without months (settings, organisation, rebuild)', async () => {
    const { cache, read, settingsChanged } = setup();
    await read(...KEYS);
    settingsChanged();
    expect(await read(...KEYS)).toEqual(KEYS);
    cache.invalidate();
    expect(await read(...KEYS)).toEqual(KEYS);
  });

  it('clears the same months again when the changing transaction ends', async () => {
    const { cache, read } = setup();
    const runner = { isTransactionActive: true } as QueryRunner;
    const em = { queryRunner: runner } as EntityManager;
    await read(...KEYS);
    cache.invalidate(em, ['2026-10']);
    cache.invalidate(em, ['2027-01']);
    // The answers of October, November (the month after) and January, computed again each time.
    const cleared = [
      'json|2026-10|staff',
      'last|2026-10|staff',
      'json|2026-11|staff',
      'order|2026-11|staff|name|true',
      'json|2027-01|window',
    ];
    // Read before the commit: the answers of the uncommitted state would be kept without the
    // second clearing.
    expect(await read(...KEYS)).toEqual(cleared);
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    cache.afterTransactionCommit({ queryRunner: runner } as TransactionCommitEvent);
    expect(await read(...KEYS)).toEqual(cleared);
    // Ended: a later commit event of the same runner clears nothing.
    cache.afterTransactionCommit({ queryRunner: runner } as TransactionCommitEvent);
    expect(await read(...KEYS)).toEqual([]);
  });
});

describe('ScoresCache counters patched by rollup writes', () => {
  const MONTH = '2026-11';
  const sums = (entries: [Counter, number][]) => new Map(entries);
  const change = (unitId: number, entries: [Counter, number][], unitType: UnitType = 'staff') => ({
    month: MONTH,
    unitType,
    unitId,
    sums: sums(entries),
  });
  const values = (ratings: number, level5: number) => {
    const v = COUNTERS.map(() => 0);
    v[COUNTERS.indexOf('ratings')] = ratings;
    v[COUNTERS.indexOf('level5')] = level5;
    return v;
  };
  const transaction = () => {
    const runner = { isTransactionActive: true } as QueryRunner;
    const em = { queryRunner: runner } as EntityManager;
    const end = (commit: boolean) => {
      (runner as { isTransactionActive: boolean }).isTransactionActive = false;
      if (commit) cache.afterTransactionCommit({ queryRunner: runner } as TransactionCommitEvent);
      else cache.afterTransactionRollback({ queryRunner: runner } as TransactionRollbackEvent);
    };
    return { runner, em, end };
  };
  let cache: ScoresCache;
  let loads: number;
  /** What the database holds: each read of the counters loads a copy of it. */
  let stored: Map<number, number[]>;
  const counters = (by: UnitType = 'staff') =>
    cache.counters(MONTH, by, () => {
      loads++;
      return Promise.resolve(new Map([...stored].map(([id, v]) => [id, [...v]])));
    });
  /** A rollup write of `changes` in `em`'s transaction, as RollupService makes it. */
  const write = (em: EntityManager, ...changes: ReturnType<typeof change>[]) => {
    cache.writing(em, [MONTH]);
    for (const c of changes) {
      const v = stored.get(c.unitId) ?? COUNTERS.map(() => 0);
      for (const [counter, n] of c.sums) v[COUNTERS.indexOf(counter)] += n;
      stored.set(c.unitId, v);
    }
    cache.written(em, [MONTH], changes);
  };

  beforeEach(() => {
    cache = setup().cache;
    loads = 0;
    stored = new Map([[7, values(2, 1)]]);
  });

  it('adds a committed write to the counters read before it, without reading them again', async () => {
    await counters();
    const tx = transaction();
    write(
      tx.em,
      change(7, [
        ['ratings', 1],
        ['level5', 1],
      ]),
      change(8, [['ratings', 1]]),
    );
    tx.end(true);
    expect(await counters()).toEqual(stored);
    expect(loads).toBe(1);
    // Other unit kinds were not read before: they are read now, once.
    await counters('window');
    await counters('window');
    expect(loads).toBe(2);
  });

  it('keeps the counters as they were when the write rolls back', async () => {
    const before = new Map([...stored].map(([id, v]) => [id, [...v]]));
    await counters();
    const tx = transaction();
    write(tx.em, change(7, [['ratings', 5]]));
    tx.end(false);
    expect(await counters()).toEqual(before);
    expect(loads).toBe(1);
  });

  it('drops counters read while a write was open, and patches the ones read before', async () => {
    await counters();
    const tx = transaction();
    write(tx.em, change(7, [['ratings', 1]]));
    // SQLite's one connection sees the uncommitted row: this read holds it.
    await counters();
    expect(loads).toBe(2);
    tx.end(true);
    expect(await counters()).toEqual(stored);
    expect(loads).toBe(2);
  });

  it('waits for every transaction writing the month, whichever ends first', async () => {
    for (const firstToEnd of [0, 1]) {
      cache = setup().cache;
      stored = new Map([[7, values(2, 1)]]);
      const before = [...(stored.get(7) as number[])];
      await counters();
      const txs = [transaction(), transaction()];
      write(txs[0].em, change(7, [['ratings', 1]]));
      write(txs[1].em, change(7, [['level5', 1]]));
      txs[firstToEnd].end(true);
      // One has committed, the other is open: nothing patched is answered yet.
      const loadsBefore = loads;
      await counters();
      expect(loads).toBe(loadsBefore + 1);
      txs[1 - firstToEnd].end(true);
      expect((await counters()).get(7)).toEqual(
        before.map(
          (n, i) =>
            n + (i === COUNTERS.indexOf('ratings') || i === COUNTERS.indexOf('level5') ? 1 : 0),
        ),
      );
      expect(loads).toBe(loadsBefore + 1);
    }
  });

  it('reads the counters again after a write it cannot account for', async () => {
    const cases: ((em: EntityManager, tx: ReturnType<typeof transaction>) => void)[] = [
      // A savepoint rolled back: what it undid is not known.
      (em, tx) => {
        write(em, change(7, [['ratings', 1]]));
        cache.afterTransactionRollback({ queryRunner: tx.runner } as TransactionRollbackEvent);
      },
      // A failed write.
      (em) => {
        cache.writing(em, [MONTH]);
        cache.written(em, [MONTH]);
      },
      // A write outside any transaction, while this one is open.
      (em) => {
        write(em, change(7, [['ratings', 1]]));
        write({} as EntityManager, change(7, [['ratings', 1]]));
      },
      // A rebuild in the same transaction.
      (em) => {
        write(em, change(7, [['ratings', 1]]));
        cache.invalidate(em);
      },
    ];
    for (const [i, run] of cases.entries()) {
      cache = setup().cache;
      loads = 0;
      await counters();
      const tx = transaction();
      run(tx.em, tx);
      tx.end(true);
      await counters();
      expect([i, loads]).toEqual([i, 2]);
    }
  });

  it('does not keep counters past their time', async () => {
    const now = jest.spyOn(performance, 'now');
    try {
      now.mockReturnValue(1_000);
      await counters();
      const tx = transaction();
      write(tx.em, change(7, [['ratings', 1]]));
      now.mockReturnValue(1_000 + SCORES_CACHE_MS);
      tx.end(true);
      await counters();
      expect(loads).toBe(2);
    } finally {
      now.mockRestore();
    }
  });
});
