/** The ranking table's columns and order: pure, so the sorting is tested without a page. */

export interface RankedRow {
  id: number;
  name: string;
  code: string;
  ratings: number;
  goodRate: number | null;
  badRate: number | null;
  ratingRate: number | null;
  rectificationRate: number | null;
  onTimeRate: number | null;
  visitRate: number | null;
  score: number | null;
  rank: number | null;
  tickets: { total: number };
  insufficientSample: boolean;
  lastPlace: boolean;
  bottomTwoMonths: boolean;
}

export type SortKey =
  | 'rank'
  | 'name'
  | 'ratings'
  | 'goodRate'
  | 'badRate'
  | 'ratingRate'
  | 'rectificationRate'
  | 'onTimeRate'
  | 'visitRate'
  | 'score'
  | 'tickets';

export interface Column {
  key: SortKey;
  label: string;
  kind: 'rank' | 'text' | 'count' | 'rate' | 'score';
}

/** Every indicator of the contract, in the monthly report's order. */
export const RANKING_COLUMNS: Column[] = [
  { key: 'rank', label: '排名', kind: 'rank' },
  { key: 'name', label: '名称', kind: 'text' },
  { key: 'ratings', label: '评价数', kind: 'count' },
  { key: 'goodRate', label: '好评率', kind: 'rate' },
  { key: 'badRate', label: '差评率', kind: 'rate' },
  { key: 'ratingRate', label: '评价率', kind: 'rate' },
  { key: 'rectificationRate', label: '整改率', kind: 'rate' },
  { key: 'onTimeRate', label: '按时整改率', kind: 'rate' },
  { key: 'visitRate', label: '回访率', kind: 'rate' },
  { key: 'score', label: '综合得分', kind: 'score' },
  { key: 'tickets', label: '工单数', kind: 'count' },
];

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

function valueOf(row: RankedRow, key: SortKey): number | string | null {
  if (key === 'tickets') return row.tickets.total;
  return row[key];
}

/** Rows in the chosen order; rows without a value (样本不足, no rank) always last. */
export function sortRows<T extends RankedRow>(rows: T[], sort: Sort): T[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = valueOf(a, sort.key);
    const vb = valueOf(b, sort.key);
    if (va === null && vb === null) return a.name.localeCompare(b.name, 'zh-CN');
    if (va === null) return 1;
    if (vb === null) return -1;
    const order =
      typeof va === 'string' || typeof vb === 'string'
        ? String(va).localeCompare(String(vb), 'zh-CN')
        : va - vb;
    return order !== 0 ? sign * order : a.name.localeCompare(b.name, 'zh-CN');
  });
}

/** 0.9712 → "97.1%"; null → "—". */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The row's markers, as the monthly report writes them. */
export function rowNotes(row: RankedRow): string[] {
  return [
    row.insufficientSample ? '样本不足' : '',
    row.bottomTwoMonths ? '连续两月末位' : row.lastPlace ? '末位' : '',
  ].filter(Boolean);
}

/** The filters of an API link ("/api/tickets?departmentId=3&month=2026-11") as page params. */
export function linkParams(link: string): Record<string, string> {
  const query = link.split('?')[1] ?? '';
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [k, v = ''] = pair.split('=');
    params[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return params;
}
