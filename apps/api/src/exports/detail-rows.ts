import {
  CHANNEL_LABELS,
  LEVEL_LABELS,
  maskPersonalData,
  RATING_LEVELS,
  type Channel,
  type RatingLevel,
} from '@haochaping/domain';
import { toNumber, toTimestamp } from '../database/numbers';
import type { XlsxColumn, XlsxValue } from './xlsx-stream';

/**
 * The 评价明细 sheet of the monthly report: its columns, the query of one batch and a row's
 * cells. Pure, so the export thread (export-worker.ts) reads and writes the sheet with the same
 * rules as the rest of the API.
 */

export const DETAIL_BATCH = 1000;

export const DETAIL_COLUMNS: XlsxColumn[] = [
  { header: '评价编号', key: 'id', width: 10 },
  { header: '办件编号', key: 'transactionNo', width: 24 },
  { header: '事项名称', key: 'item', width: 28, shared: true },
  { header: '部门', key: 'department', width: 22, shared: true },
  { header: '窗口', key: 'window', width: 22, shared: true },
  { header: '工作人员工号', key: 'staffNo', width: 14, shared: true },
  { header: '评价等级', key: 'level', width: 10 },
  { header: '等级名称', key: 'levelLabel', width: 12, shared: true },
  { header: '标签', key: 'tags', width: 24, shared: true },
  { header: '评价内容', key: 'comment', width: 40 },
  { header: '评价渠道', key: 'channel', width: 12, shared: true },
  { header: '匿名', key: 'anonymous', width: 8, shared: true },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '状态', key: 'status', width: 10, shared: true },
  { header: '评价时间', key: 'createdAt', width: 18, format: 'dateTime' },
];

/** Names the detail rows show instead of ids (read once per export). */
export interface DetailLookups {
  departments: Map<number, string>;
  windows: Map<number, string>;
  staff: Map<number, string>;
  items: Map<number, string>;
}

/**
 * One batch of the month's ratings after id `?` up to id `?` (the month's last), month `?`: a
 * range scan of the primary key, not the (monthKey, level) index, which would sort the whole
 * month again for every batch. The hint keeps the planner on the primary key: `+col` in SQLite,
 * FORCE INDEX in MySQL. No openid, no citizen; the phone only as stored, masked. Read as arrays,
 * in the order of `AT` (200k rows read in 373-627 ms as arrays, 668-807 ms as objects on SQLite,
 * docs/benchmarks.md, change 18).
 */
export function detailSelect(sqlite: boolean): string {
  return `SELECT r.id, r.level, r.tags, r.comment, r.channel, r.anonymous, r.contactPhoneMasked,
                r.voided, r.createdAt, r.departmentId, r.windowId, r.staffId, t.transactionNo,
                t.serviceItemId
           FROM ratings r ${sqlite ? '' : 'FORCE INDEX (PRIMARY)'}
           JOIN transactions t ON t.id = r.transactionId
          WHERE r.id > ? AND r.id <= ? AND ${sqlite ? '+r.monthKey' : 'r.monthKey'} = ?
          ORDER BY r.id LIMIT ${DETAIL_BATCH}`;
}

/**
 * The month's first and last rating id from the (monthKey, level) index: a MIN and a MAX per
 * level, each one seek; the month `?` once per subquery (`MONTH_RANGE_PARAMS` of them). MIN(id)
 * and MAX(id) of the month alone read every index entry of the month (68-187 ms for a
 * 1M-rating month on SQLite, filling the page cache with ~14 MB of index pages:
 * docs/benchmarks.md, change 18). Every rating has one of the five levels (validated on the way
 * in). Read its one row with `monthRangeOf`.
 */
const MONTH_RANGE_ENDS = RATING_LEVELS.flatMap((level) =>
  (['MIN', 'MAX'] as const).map(
    (fn) => `(SELECT ${fn}(id) FROM ratings WHERE monthKey = ? AND level = ${level})`,
  ),
);
export const MONTH_RANGE_SELECT = `SELECT ${MONTH_RANGE_ENDS.map((sql, i) => `${sql} AS e${i}`).join(', ')}`;
export const MONTH_RANGE_PARAMS = MONTH_RANGE_ENDS.length;

/** The range from `MONTH_RANGE_SELECT`'s row; null when the month has no rating. */
export function monthRangeOf(
  row: Record<string, unknown> | undefined,
): { first: number; last: number } | null {
  const ids = Object.values(row ?? {})
    .filter((v) => v !== null && v !== undefined)
    .map(toNumber);
  return ids.length ? { first: Math.min(...ids), last: Math.max(...ids) } : null;
}

/** Where each column of `detailSelect` is in a row read as an array. */
export const AT = {
  id: 0,
  level: 1,
  tags: 2,
  comment: 3,
  channel: 4,
  anonymous: 5,
  phone: 6,
  voided: 7,
  createdAt: 8,
  departmentId: 9,
  windowId: 10,
  staffId: 11,
  transactionNo: 12,
  serviceItemId: 13,
} as const;

/** Tag lists as stored (JSON) → as shown; the same few lists come back on most rows. */
const TAG_TEXT = new Map<string, string>();
const TAG_TEXTS_KEPT = 4096;

function tagText(stored: unknown): string {
  if (typeof stored !== 'string') return '';
  let text = TAG_TEXT.get(stored);
  if (text === undefined) {
    text = (JSON.parse(stored) as string[]).join('、');
    if (TAG_TEXT.size >= TAG_TEXTS_KEPT) TAG_TEXT.clear();
    TAG_TEXT.set(stored, text);
  }
  return text;
}

/** A row of `detailSelect` (an array, `AT`) as the sheet's cells, personal data in the comment masked. */
export function detailCells(r: unknown[], names: DetailLookups): Record<string, XlsxValue> {
  const level = toNumber(r[AT.level]) as RatingLevel;
  const comment = r[AT.comment];
  return cells({
    id: toNumber(r[AT.id]),
    transactionNo: r[AT.transactionNo],
    item: names.items.get(toNumber(r[AT.serviceItemId])) ?? '',
    department: names.departments.get(toNumber(r[AT.departmentId])) ?? '',
    window: names.windows.get(toNumber(r[AT.windowId])) ?? '',
    staffNo: names.staff.get(toNumber(r[AT.staffId])) ?? '',
    level,
    levelLabel: LEVEL_LABELS[level],
    tags: tagText(r[AT.tags]),
    comment: typeof comment === 'string' ? maskPersonalData(comment) : '',
    channel: CHANNEL_LABELS[r[AT.channel] as Channel] ?? String(r[AT.channel]),
    anonymous: flag(r[AT.anonymous]) ? '是' : '否',
    phone: r[AT.phone] ?? '',
    status: flag(r[AT.voided]) ? '已作废' : '有效',
    createdAt: chinaWallClock(r[AT.createdAt]),
  });
}

const flag = (v: unknown) => v === true || v === 1 || v === '1';

/**
 * A date cell showing China time. Excel dates carry no zone and exceljs writes a Date's UTC
 * fields, so the instant is shifted by the +08:00 offset (China has no daylight saving time).
 */
function chinaWallClock(value: unknown): Date {
  return new Date(toTimestamp(value) + 8 * 3600_000);
}

/**
 * Formula injection (OWASP CSV injection): a text cell starting with = + - @, a tab or a carriage
 * return is run as a formula by spreadsheet programs. Such text gets a leading single quote, so it
 * is shown, never evaluated. Numbers (negative ones too) and dates stay what they are.
 */
export function neutralised(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Every row of every sheet goes through here, so no text cell escapes neutralising. The row is
 * a fresh object built for the sheet, neutralised in place (a copy per row of a month's detail
 * sheet was a tenth of the export's allocations).
 */
export function cells(row: Record<string, unknown>): Record<string, XlsxValue> {
  for (const key in row) row[key] = neutralised(row[key]);
  return row as Record<string, XlsxValue>;
}
