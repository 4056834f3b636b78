import {
  COUNTERS,
  ratingContribution,
  TRANSACTION_CONTRIBUTION,
  ticketContribution,
  UNIT_ID_KEY,
  UNIT_TYPES,
  type Channel,
  type Counter,
  type CounterDelta,
  type UnitType,
} from '@haochaping/domain';
import type { DataSource } from 'typeorm';
import { toNumber, toTimestamp } from '../database/numbers';

const BATCH = 5000;

export type CountersByKey = Map<
  string,
  { monthKey: string; unitType: UnitType; unitId: number; counters: Record<Counter, number> }
>;

type Units = Record<'departmentId' | 'windowId' | 'staffId', unknown>;

/**
 * Recomputes every unit's monthly counters from the raw rows — the reference the incremental
 * rollups are tested against, and the repair when they are ever in doubt. It sums the same
 * contributions (libs/domain/src/score-counters.ts) that the incremental path adds differences
 * of. Reads in id-ordered batches so memory stays bounded by the number of (unit, month) pairs.
 */
export async function countFromRawRows(ds: DataSource): Promise<CountersByKey> {
  const out: CountersByKey = new Map();
  const add = (units: Units, monthKey: string, delta: CounterDelta) => {
    const entries = (Object.entries(delta) as [Counter, number][]).filter(([, n]) => n !== 0);
    if (entries.length === 0) return;
    for (const unitType of UNIT_TYPES) {
      const unitId = toNumber(units[UNIT_ID_KEY[unitType]]);
      const key = `${monthKey}|${unitType}|${unitId}`;
      let entry = out.get(key);
      if (!entry) {
        const counters = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
        out.set(key, (entry = { monthKey, unitType, unitId, counters }));
      }
      for (const [counter, n] of entries) entry.counters[counter] += n;
    }
  };
  const bool = (v: unknown) => v === true || v === 1 || v === '1';

  await eachBatch(
    ds,
    'SELECT id, departmentId, windowId, staffId, finishedMonth FROM transactions',
    (r) => add(r as Units, String(r.finishedMonth), TRANSACTION_CONTRIBUTION),
  );
  await eachBatch(
    ds,
    `SELECT r.id AS id, r.level AS level, r.channel AS channel, r.monthKey AS monthKey, r.voided AS voided,
            r.isDefault AS isDefault, r.departmentId AS departmentId, r.windowId AS windowId,
            r.staffId AS staffId, t.finishedMonth AS finishedMonth
       FROM ratings r JOIN transactions t ON t.id = r.transactionId`,
    (r) => {
      const { given, finished } = ratingContribution({
        level: toNumber(r.level),
        channel: r.channel as Channel,
        voided: bool(r.voided),
        isDefault: bool(r.isDefault),
      });
      add(r as Units, String(r.monthKey), given);
      add(r as Units, String(r.finishedMonth), finished);
    },
    'r.id',
  );
  const visited = new Set(
    (await ds.query<{ ticketId: unknown }[]>('SELECT DISTINCT ticketId FROM ticket_visits')).map(
      (v) => toNumber(v.ticketId),
    ),
  );
  await eachBatch(
    ds,
    `SELECT id, status, source, monthKey, dueAt, closedAt, overdueMarkedAt, realName,
            departmentId, windowId, staffId FROM tickets`,
    (t) =>
      add(
        t as Units,
        String(t.monthKey),
        ticketContribution({
          voided: t.status === 'voided',
          realNameBad: t.source === 'rating' && bool(t.realName),
          closed: t.status === 'closed',
          closedOnTime: t.closedAt !== null && toTimestamp(t.closedAt) <= toTimestamp(t.dueAt),
          overdueFlagged: t.overdueMarkedAt !== null,
          visited: visited.has(toNumber(t.id)),
        }),
      ),
  );
  return out;
}

async function eachBatch(
  ds: DataSource,
  select: string,
  visit: (row: Record<string, unknown>) => void,
  idColumn = 'id',
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await ds.query<Record<string, unknown>[]>(
      `${select} WHERE ${idColumn} > ? ORDER BY ${idColumn} LIMIT ${BATCH}`,
      [after],
    );
    for (const row of rows) visit(row);
    if (rows.length < BATCH) return;
    after = toNumber(rows[rows.length - 1].id);
  }
}
