import type { DataSource, EntityManager, QueryRunner, TransactionCommitEvent } from 'typeorm';
import type { OrganisationService } from '../organisation/organisation.service';
import type { SettingsService } from '../settings/settings.service';
import { ScoresCache } from './scores-cache';

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
