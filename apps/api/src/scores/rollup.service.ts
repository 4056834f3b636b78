import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Channel } from '@haochaping/domain';
import { EntityManager, Repository } from 'typeorm';
import {
  COUNTER_COLUMNS,
  ScoreRollup,
  type CounterColumn,
  type UnitType,
} from './entities/score-rollup.entity';

export interface Units {
  departmentId: number;
  windowId: number;
  staffId: number;
}

export type Delta = Partial<Record<CounterColumn, number>>;

export const CHANNEL_COLUMN: Record<Channel, CounterColumn> = {
  window_qr: 'chWindowQr',
  miniapp: 'chMiniapp',
  tablet: 'chTablet',
  web: 'chWeb',
  sms: 'chSms',
  hotline: 'chHotline',
};

export const levelColumn = (level: number): CounterColumn => `level${level}` as CounterColumn;

const UNIT_KEYS: [UnitType, keyof Units][] = [
  ['department', 'departmentId'],
  ['window', 'windowId'],
  ['staff', 'staffId'],
];

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

  async ensure(units: Units, months: string[]): Promise<void> {
    for (const monthKey of new Set(months)) {
      for (const [unitType, key] of UNIT_KEYS) {
        const where = { monthKey, unitType, unitId: units[key] };
        const id = `${monthKey}|${unitType}|${units[key]}`;
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

  async apply(em: EntityManager, units: Units, monthKey: string, delta: Delta): Promise<void> {
    const entries = Object.entries(delta).filter(([, n]) => n !== 0) as [CounterColumn, number][];
    if (entries.length === 0) return;
    const escape = (c: string) => em.connection.driver.escape(c);
    const set: Record<string, () => string> = {};
    for (const [column, n] of entries) {
      if (!COUNTER_COLUMNS.includes(column) || !Number.isInteger(n))
        throw new Error(`bad delta ${column}`);
      set[column] = () => `${escape(column)} + ${n}`;
    }
    for (const [unitType, key] of UNIT_KEYS) {
      const result = await em
        .createQueryBuilder()
        .update(ScoreRollup)
        .set(set)
        .where('monthKey = :monthKey AND unitType = :unitType AND unitId = :unitId', {
          monthKey,
          unitType,
          unitId: units[key],
        })
        .execute();
      if (result.affected !== 1) {
        throw new Error(`score rollup row missing for ${unitType} ${units[key]} ${monthKey}`);
      }
    }
  }
}
