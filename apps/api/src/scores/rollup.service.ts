import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  COUNTERS,
  UNIT_ID_KEY,
  UNIT_TYPES,
  type Counter,
  type CounterDelta,
  type UnitIds,
} from '@haochaping/domain';
import { EntityManager, Repository } from 'typeorm';
import { ScoreRollup } from './entities/score-rollup.entity';
import { ScoresCache } from './scores-cache';

/**
 * Incremental score counters. `ensure` creates the rows a change will touch before its
 * transaction starts (an insert race there is harmless) and remembers them: rows are never
 * deleted (a rebuild zeroes and refills them), so once seen a row needs no more look-ups on the
 * hot path of ratings and ticket moves. `apply` then only runs
 * `UPDATE … SET c = c + n` inside the caller's transaction, which both database families
 * serialise on the row.
 */
@Injectable()
export class RollupService {
  /** Rows known to exist, as `month|type|id`: bounded by units × months. */
  private readonly known = new Set<string>();

  constructor(
    @InjectRepository(ScoreRollup) private readonly rollups: Repository<ScoreRollup>,
    private readonly scoresCache: ScoresCache,
  ) {}

  async ensure(units: UnitIds, months: string[]): Promise<void> {
    for (const monthKey of new Set(months)) {
      for (const unitType of UNIT_TYPES) {
        const unitId = units[UNIT_ID_KEY[unitType]];
        const where = { monthKey, unitType, unitId };
        const id = `${monthKey}|${unitType}|${unitId}`;
        if (this.known.has(id)) continue;
        if (!(await this.rollups.existsBy(where))) {
          try {
            await this.rollups.insert(where);
          } catch {
            // Created meanwhile by another request: fine, the row exists.
          }
        }
        this.known.add(id);
      }
    }
  }

  async apply(
    em: EntityManager,
    units: UnitIds,
    monthKey: string,
    delta: CounterDelta,
  ): Promise<void> {
    await this.applyMonths(em, units, [[monthKey, delta]]);
  }

  /**
   * Adds each month's delta to the three units' rows of that month: one parameterised
   * `UPDATE … SET c = c + ? … WHERE monthKey = ? AND (unit = ? OR …)` per month, with the deltas
   * of the same month summed first (a rating made in the month of its visit touches the
   * finished and the given counters of the same rows: one statement, not six).
   *
   * Written as SQL with `?` placeholders rather than through the query builder: the builder costs
   * CPU on every call, and TypeORM's SQLite driver writes number parameters into the SQL text,
   * so better-sqlite3 prepared a new statement for every unit id (docs/benchmarks.md).
   */
  async applyMonths(
    em: EntityManager,
    units: UnitIds,
    changes: readonly (readonly [string, CounterDelta])[],
  ): Promise<void> {
    const months = new Map<string, Map<Counter, number>>();
    for (const [monthKey, delta] of changes) {
      const sums = months.get(monthKey) ?? new Map<Counter, number>();
      for (const [column, n] of Object.entries(delta) as [Counter, number][]) {
        if (!COUNTERS.includes(column) || !Number.isInteger(n)) {
          throw new Error(`bad delta ${column}`);
        }
        sums.set(column, (sums.get(column) ?? 0) + n);
      }
      months.set(monthKey, sums);
    }
    // The caller's transaction (a manager outside one gets a runner of its own).
    const own = em.queryRunner ? null : em.connection.createQueryRunner();
    const runner = em.queryRunner ?? (own as NonNullable<typeof own>);
    const escape = (name: string) => em.connection.driver.escape(name);
    const table = escape(em.connection.getMetadata(ScoreRollup).tableName);
    const unitMatch = UNIT_TYPES.map(
      () => `(${escape('unitType')} = ? AND ${escape('unitId')} = ?)`,
    ).join(' OR ');
    const unitParams = UNIT_TYPES.flatMap((type) => [type, units[UNIT_ID_KEY[type]]]);
    try {
      for (const [monthKey, sums] of months) {
        const entries = [...sums].filter(([, n]) => n !== 0);
        if (entries.length === 0) continue;
        const set = entries.map(([c]) => `${escape(c)} = ${escape(c)} + ?`).join(', ');
        const result = await runner.query(
          `UPDATE ${table} SET ${set} WHERE ${escape('monthKey')} = ? AND (${unitMatch})`,
          [...entries.map(([, n]) => n), monthKey, ...unitParams],
          true,
        );
        if (result.affected !== UNIT_TYPES.length) {
          throw new Error(
            `score rollup rows missing for ${monthKey} ${JSON.stringify(units)}: ${result.affected} of ${UNIT_TYPES.length} updated`,
          );
        }
      }
    } finally {
      // Cached monthly scores are stale now, and again when the caller's transaction ends.
      this.scoresCache.invalidate(em);
      await own?.release();
    }
  }
}
