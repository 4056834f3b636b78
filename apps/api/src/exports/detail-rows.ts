import {
  CHANNEL_LABELS,
  LEVEL_LABELS,
  maskPersonalData,
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
  { header: '事项名称', key: 'item', width: 28 },
  { header: '部门', key: 'department', width: 22 },
  { header: '窗口', key: 'window', width: 22 },
  { header: '工作人员工号', key: 'staffNo', width: 14 },
  { header: '评价等级', key: 'level', width: 10 },
  { header: '等级名称', key: 'levelLabel', width: 12 },
  { header: '标签', key: 'tags', width: 24 },
  { header: '评价内容', key: 'comment', width: 40 },
  { header: '评价渠道', key: 'channel', width: 12 },
  { header: '匿名', key: 'anonymous', width: 8 },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '状态', key: 'status', width: 10 },
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
 * FORCE INDEX in MySQL. No openid, no citizen; the phone only as stored, masked.
 */
export function detailSelect(sqlite: boolean): string {
  return `SELECT r.id AS id, r.level AS level, r.tags AS tags, r.comment AS comment,
                r.channel AS channel, r.anonymous AS anonymous, r.contactPhoneMasked AS phone,
                r.voided AS voided, r.createdAt AS createdAt, r.departmentId AS departmentId,
                r.windowId AS windowId, r.staffId AS staffId, t.transactionNo AS transactionNo,
                t.serviceItemId AS serviceItemId
           FROM ratings r ${sqlite ? '' : 'FORCE INDEX (PRIMARY)'}
           JOIN transactions t ON t.id = r.transactionId
          WHERE r.id > ? AND r.id <= ? AND ${sqlite ? '+r.monthKey' : 'r.monthKey'} = ?
          ORDER BY r.id LIMIT ${DETAIL_BATCH}`;
}

/** A row of `detailSelect` as the sheet's cells, personal data in the comment masked. */
export function detailCells(
  r: Record<string, unknown>,
  names: DetailLookups,
): Record<string, XlsxValue> {
  const level = toNumber(r.level) as RatingLevel;
  return cells({
    id: toNumber(r.id),
    transactionNo: r.transactionNo,
    item: names.items.get(toNumber(r.serviceItemId)) ?? '',
    department: names.departments.get(toNumber(r.departmentId)) ?? '',
    window: names.windows.get(toNumber(r.windowId)) ?? '',
    staffNo: names.staff.get(toNumber(r.staffId)) ?? '',
    level,
    levelLabel: LEVEL_LABELS[level],
    tags: (JSON.parse(typeof r.tags === 'string' ? r.tags : '[]') as string[]).join('、'),
    comment: typeof r.comment === 'string' ? maskPersonalData(r.comment) : '',
    channel: CHANNEL_LABELS[r.channel as Channel] ?? String(r.channel),
    anonymous: flag(r.anonymous) ? '是' : '否',
    phone: r.phone ?? '',
    status: flag(r.voided) ? '已作废' : '有效',
    createdAt: chinaWallClock(r.createdAt),
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
