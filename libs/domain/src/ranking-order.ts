/**
 * The orders a ranking can be read in (the workspace's sortable columns): pure, so the table and
 * the API's paged answer sort the same way.
 */

import type { Rates } from './scores';

/** What a row must carry to be sorted. */
export interface SortableRow extends Rates {
  name: string;
  ratings: number;
  score: number | null;
  rank: number | null;
  tickets: { total: number };
}

export const SORT_KEYS = [
  'rank',
  'name',
  'ratings',
  'goodRate',
  'badRate',
  'ratingRate',
  'rectificationRate',
  'onTimeRate',
  'visitRate',
  'score',
  'tickets',
] as const;

export type SortKey = (typeof SORT_KEYS)[number];

export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** The order a column starts in when first chosen: best first (rank 1, highest rate or score). */
export function firstSort(key: SortKey): Sort {
  return { key, descending: !(key === 'rank' || key === 'name' || key === 'badRate') };
}

/** Choosing the sorted column again turns its order around. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, descending: !current.descending } : firstSort(key);
}

function valueOf(row: SortableRow, key: SortKey): number | string | null {
  if (key === 'tickets') return row.tickets.total;
  return row[key];
}

let collator: ((a: string, b: string) => number) | undefined;

/**
 * Chinese text order: what `a.localeCompare(b, 'zh-CN')` gives, through one collator made at the
 * first comparison (not when the module loads: the rating page loads it and sorts nothing) and
 * kept: a third of the time (6,000 staff sorted in ~4.5 ms instead of ~13, docs/benchmarks.md,
 * change 16). Where `Intl` is missing, `localeCompare` itself.
 */
function compareText(a: string, b: string): number {
  collator ??=
    typeof Intl !== 'undefined' && typeof Intl.Collator === 'function'
      ? new Intl.Collator('zh-CN').compare
      : (x, y) => x.localeCompare(y, 'zh-CN');
  return collator(a, b);
}

/** Rows in the chosen order; rows without a value (样本不足, no rank) always last. */
export function sortRows<T extends SortableRow>(rows: readonly T[], sort: Sort): T[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = valueOf(a, sort.key);
    const vb = valueOf(b, sort.key);
    if (va === null && vb === null) return compareText(a.name, b.name);
    if (va === null) return 1;
    if (vb === null) return -1;
    const order =
      typeof va === 'string' || typeof vb === 'string'
        ? compareText(String(va), String(vb))
        : va - vb;
    return order !== 0 ? sign * order : compareText(a.name, b.name);
  });
}
