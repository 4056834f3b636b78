/** The ranking table's columns and order: pure, so the sorting is tested without a page. */

import type { SortableRow, SortKey } from '@haochaping/domain';

// The orders are shared with the API's paged answer (GET /api/scores?sort=&order=).
export { firstSort, nextSort, sortRows, type Sort, type SortKey } from '@haochaping/domain';

export interface RankedRow extends SortableRow {
  id: number;
  code: string;
  insufficientSample: boolean;
  lastPlace: boolean;
  bottomTwoMonths: boolean;
}

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
