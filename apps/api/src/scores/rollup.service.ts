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

  constructor(@InjectRepository(ScoreRollup) private readonly rollups: Repository<ScoreRollup>) {}

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
    const entries = Object.entries(delta).filter(([, n]) => n !== 0) as [Counter, number][];
    if (entries.length === 0) return;
    const escape = (c: string) => em.connection.driver.escape(c);
    const set: Record<string, () => string> = {};
    for (const [column, n] of entries) {
      if (!COUNTERS.includes(column) || !Number.isInteger(n))
        throw new Error(`bad delta ${column}`);
      set[column] = () => `${escape(column)} + ${n}`;
    }
    for (const unitType of UNIT_TYPES) {
      const unitId = units[UNIT_ID_KEY[unitType]];
      const result = await em
        .createQueryBuilder()
        .update(ScoreRollup)
        .set(set)
        .where('monthKey = :monthKey AND unitType = :unitType AND unitId = :unitId', {
          monthKey,
          unitType,
          unitId,
        })
        .execute();
      if (result.affected !== 1) {
        throw new Error(`score rollup row missing for ${unitType} ${unitId} ${monthKey}`);
      }
    }
  }
}
