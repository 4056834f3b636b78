import { ACTIVE_STATUSES } from '@haochaping/domain';

/**
 * `isOverdue` (libs/domain) as a query-builder condition on the tickets aliased `alias`: still
 * running and past its due time. One form for every query that counts or lists overdue tickets
 * (the ticket list's filter, the overdue job, the monthly report's ledger), so they cannot drift
 * apart. Its parameter names are its own; pass `params` to `where`/`setParameters`.
 */
export function overdueCondition(
  now: Date,
  alias = 't',
): { sql: string; params: { overdueActive: string[]; overdueNow: Date } } {
  return {
    sql: `(${alias}.status IN (:...overdueActive) AND ${alias}.dueAt < :overdueNow)`,
    params: { overdueActive: [...ACTIVE_STATUSES], overdueNow: now },
  };
}
