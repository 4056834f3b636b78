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
import { ScoresCache, type RollupChange } from './scores-cache';

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
  /** Ids of rows known to exist, by `month|type|unitId`: bounded by units × months. */
  private readonly known = new Map<string, number>();

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
        const find = () => this.rollups.findOne({ where, select: { id: true } });
        let row = await find();
        if (!row) {
          try {
            await this.rollups.insert(where);
          } catch {
            // Created meanwhile by another request: fine, the row exists.
          }
          row = await find();
        }
        if (!row) throw new Error(`score rollup row ${id} could not be created`);
        this.known.set(id, row.id);
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
      addDelta(sums, delta);
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
    let changed: RollupChange[] | undefined;
    this.scoresCache.writing(em, months.keys());
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
      changed = [...months].flatMap(([month, sums]) =>
        UNIT_TYPES.map((unitType) => ({
          month,
          unitType,
          unitId: units[UNIT_ID_KEY[unitType]],
          sums,
        })),
      );
    } finally {
      // Those months' cached scores are stale now, and again when the caller's transaction ends;
      // their counters get these sums if it commits.
      this.scoresCache.written(em, months.keys(), changed);
      await own?.release();
    }
  }

  /**
   * The changes of many ratings written together (group commit, RatingsService): the deltas are
   * summed per rollup row and written by **one** statement,
   * `UPDATE … SET c = c + CASE id WHEN ? THEN ? … ELSE 0 END, … WHERE id IN (…)`, whatever the
   * number of ratings. Rows are named by the ids `ensure` found (it must have run for every unit
   * and month here) and listed in id order, the order both database families lock them in.
   */
  async applyBatch(
    em: EntityManager,
    items: readonly { units: UnitIds; changes: readonly (readonly [string, CounterDelta])[] }[],
  ): Promise<void> {
    const rows = new Map<number, Map<Counter, number>>();
    const changed = new Map<number, RollupChange>();
    for (const { units, changes } of items) {
      for (const [monthKey, delta] of changes) {
        for (const unitType of UNIT_TYPES) {
          const unitId = units[UNIT_ID_KEY[unitType]];
          const key = `${monthKey}|${unitType}|${unitId}`;
          const rowId = this.known.get(key);
          if (rowId === undefined) throw new Error(`score rollup row ${key} not ensured`);
          const sums = rows.get(rowId) ?? new Map<Counter, number>();
          addDelta(sums, delta);
          rows.set(rowId, sums);
          changed.set(rowId, { month: monthKey, unitType, unitId, sums });
        }
      }
    }
    const ids = [...rows.keys()]
      .filter((rowId) => [...(rows.get(rowId) as Map<Counter, number>).values()].some((n) => n))
      .sort((a, b) => a - b);
    if (ids.length === 0) return;
    const escape = (name: string) => em.connection.driver.escape(name);
    const id = escape('id');
    const sets: string[] = [];
    const params: number[] = [];
    for (const column of COUNTERS) {
      const touched = ids.filter((rowId) => rows.get(rowId)?.get(column));
      if (touched.length === 0) continue;
      const c = escape(column);
      sets.push(
        `${c} = ${c} + CASE ${id} ${touched.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END`,
      );
      for (const rowId of touched) params.push(rowId, rows.get(rowId)?.get(column) ?? 0);
    }
    const table = escape(em.connection.getMetadata(ScoreRollup).tableName);
    const own = em.queryRunner ? null : em.connection.createQueryRunner();
    const runner = em.queryRunner ?? (own as NonNullable<typeof own>);
    const months = new Set(items.flatMap(({ changes }) => changes.map(([monthKey]) => monthKey)));
    let written: RollupChange[] | undefined;
    this.scoresCache.writing(em, months);
    try {
      const result = await runner.query(
        `UPDATE ${table} SET ${sets.join(', ')} WHERE ${id} IN (${ids.map(() => '?').join(', ')})`,
        [...params, ...ids],
        true,
      );
      if (result.affected !== ids.length) {
        throw new Error(`score rollup rows missing: ${result.affected} of ${ids.length} updated`);
      }
      written = [...changed.values()];
    } finally {
      this.scoresCache.written(em, months, written);
      await own?.release();
    }
  }
}

/** Adds a delta's counters into `sums`, refusing unknown counters and non-integers. */
function addDelta(sums: Map<Counter, number>, delta: CounterDelta): void {
  for (const [column, n] of Object.entries(delta) as [Counter, number][]) {
    if (!COUNTERS.includes(column) || !Number.isInteger(n)) throw new Error(`bad delta ${column}`);
    sums.set(column, (sums.get(column) ?? 0) + n);
  }
}
