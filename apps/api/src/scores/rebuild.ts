import { emptyCounts, type UnitCounts } from '@haochaping/domain';
import type { DataSource } from 'typeorm';
import { toNumber, toTimestamp } from '../database/numbers';
import type { UnitType } from './entities/score-rollup.entity';

const BATCH = 5000;

export type CountsByKey = Map<
  string,
  { monthKey: string; unitType: UnitType; unitId: number; counts: UnitCounts }
>;

type Units = { departmentId: unknown; windowId: unknown; staffId: unknown };

/**
 * Recomputes every unit's monthly counters from the raw rows — the reference the incremental
 * rollups are tested against, and the repair when they are ever in doubt. Reads in id-ordered
 * batches so memory stays bounded by the number of (unit, month) pairs.
 */
export async function countFromRawRows(ds: DataSource): Promise<CountsByKey> {
  const out: CountsByKey = new Map();
  const bump = (units: Units, monthKey: string, change: (c: UnitCounts) => void) => {
    for (const [unitType, id] of [
      ['department', units.departmentId],
      ['window', units.windowId],
      ['staff', units.staffId],
    ] as [UnitType, unknown][]) {
      const unitId = toNumber(id);
      const key = `${monthKey}|${unitType}|${unitId}`;
      let entry = out.get(key);
      if (!entry) out.set(key, (entry = { monthKey, unitType, unitId, counts: emptyCounts() }));
      change(entry.counts);
    }
  };
  const bool = (v: unknown) => v === true || v === 1 || v === '1';

  await eachBatch(
    ds,
    'SELECT id, departmentId, windowId, staffId, finishedMonth FROM transactions',
    (r) => bump(r as Units, String(r.finishedMonth), (c) => c.finished++),
  );
  await eachBatch(
    ds,
    `SELECT r.id AS id, r.level AS level, r.channel AS channel, r.monthKey AS monthKey, r.voided AS voided,
            r.isDefault AS isDefault, r.departmentId AS departmentId, r.windowId AS windowId,
            r.staffId AS staffId, t.finishedMonth AS finishedMonth
       FROM ratings r JOIN transactions t ON t.id = r.transactionId`,
    (r) => {
      if (bool(r.isDefault)) return;
      if (bool(r.voided)) {
        bump(r as Units, String(r.monthKey), (c) => c.voided++);
        return;
      }
      const level = String(toNumber(r.level)) as keyof UnitCounts['levels'];
      bump(r as Units, String(r.monthKey), (c) => {
        c.ratings++;
        c.levels[level]++;
        c.channels[r.channel as keyof UnitCounts['channels']]++;
      });
      bump(r as Units, String(r.finishedMonth), (c) => c.rated++);
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
    (t) => {
      if (t.status === 'voided') return;
      const closed = t.status === 'closed';
      const onTime =
        closed && t.closedAt !== null && toTimestamp(t.closedAt) <= toTimestamp(t.dueAt);
      const realNameBad = t.source === 'rating' && bool(t.realName);
      bump(t as Units, String(t.monthKey), (c) => {
        c.tickets++;
        if (closed) c.ticketsClosed++;
        if (onTime) c.ticketsClosedOnTime++;
        if (closed || t.overdueMarkedAt !== null) c.ticketsDue++;
        if (realNameBad) c.realNameBad++;
        if (realNameBad && visited.has(toNumber(t.id))) c.realNameBadVisited++;
      });
    },
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
