import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import {
  CHANNEL_LABELS,
  isOverdue,
  LEVEL_LABELS,
  maskPersonalData,
  type Channel,
  type RatingLevel,
  type TicketStatus,
} from '@haochaping/domain';
import { DataSource } from 'typeorm';
import { toNumber, toTimestamp } from '../database/numbers';
import type { UnitType } from '@haochaping/domain';
import { ScoresService, type ScoreRow, type ScoresView } from '../scores/scores.service';
import { Clock } from '../common/clock';
import { errorText } from '../common/logging';
import { xlsxStream, type XlsxColumn, type XlsxSheet, type XlsxValue } from './xlsx-stream';

const DETAIL_BATCH = 1000;

interface LedgerRow {
  departmentId: number;
  total: number;
  voided: number;
  valid: number;
  inProgress: number;
  closed: number;
  overdue: number;
  onTime: number;
}

const RANKING_COLUMNS: XlsxColumn[] = [
  { header: '排名', key: 'rank', width: 8 },
  { header: '编码', key: 'code', width: 14 },
  { header: '名称', key: 'name', width: 28 },
  { header: '评价数', key: 'ratings', width: 10 },
  { header: '非常满意', key: 'l5', width: 10 },
  { header: '满意', key: 'l4', width: 8 },
  { header: '基本满意', key: 'l3', width: 10 },
  { header: '不满意', key: 'l2', width: 8 },
  { header: '非常不满意', key: 'l1', width: 11 },
  { header: '好评率', key: 'goodRate', width: 10, format: 'percent' },
  { header: '差评率', key: 'badRate', width: 10, format: 'percent' },
  { header: '评价率', key: 'ratingRate', width: 10, format: 'percent' },
  { header: '整改率', key: 'rectificationRate', width: 10, format: 'percent' },
  { header: '按时整改率', key: 'onTimeRate', width: 12, format: 'percent' },
  { header: '回访率', key: 'visitRate', width: 10, format: 'percent' },
  { header: '综合得分', key: 'score', width: 10 },
  { header: '备注', key: 'note', width: 24 },
];

const LEDGER_COLUMNS: XlsxColumn[] = [
  { header: '部门', key: 'department', width: 24 },
  { header: '差评总数', key: 'total', width: 10 },
  { header: '已作废', key: 'voided', width: 10 },
  { header: '有效差评', key: 'valid', width: 10 },
  { header: '整改中', key: 'inProgress', width: 10 },
  { header: '已办结', key: 'closed', width: 10 },
  { header: '超期', key: 'overdue', width: 8 },
  { header: '按时办结', key: 'onTime', width: 10 },
];

const DETAIL_COLUMNS: XlsxColumn[] = [
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

function rankingValues(row: ScoreRow, departmentName?: string) {
  const notes = [
    row.insufficientSample ? '样本不足，不参与排名' : '',
    row.bottomTwoMonths ? '连续两月末位' : row.lastPlace ? '本月末位' : '',
  ].filter(Boolean);
  return {
    // No rank (insufficient sample, no score): an empty cell, so the column stays numeric.
    rank: row.rank ?? null,
    code: row.code,
    name: row.name,
    department: departmentName ?? '',
    ratings: row.ratings,
    l5: row.levels['5'],
    l4: row.levels['4'],
    l3: row.levels['3'],
    l2: row.levels['2'],
    l1: row.levels['1'],
    goodRate: row.goodRate,
    badRate: row.badRate,
    ratingRate: row.ratingRate,
    rectificationRate: row.rectificationRate,
    onTimeRate: row.onTimeRate,
    visitRate: row.visitRate,
    score: row.score,
    note: notes.join('；'),
  };
}

/** Rankings ordered as published: ranked units first by rank, then the unranked ones. */
function ordered(rows: ScoreRow[]): ScoreRow[] {
  return [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id - b.id);
}

@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly scores: ScoresService,
  ) {}

  /** The department ranking as CSV, UTF-8 with a BOM so Excel reads the Chinese correctly. */
  async csv(month: string): Promise<string> {
    const view = await this.scores.scores(month, 'department');
    const header = RANKING_COLUMNS.map((c) => c.header);
    const lines = ordered(view.rows).map((row) => {
      const v = rankingValues(row) as Record<string, unknown>;
      return RANKING_COLUMNS.map((c) => csvCell(v[c.key])).join(',');
    });
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  /**
   * The monthly report workbook, streamed (xlsx-stream.ts): the rankings, the ledger and the
   * lookups of the detail sheet are read first (small; any error still reaches the client as
   * JSON), then the detail sheet is read from the database one id-ordered batch at a time, each
   * batch only once the previous one has been compressed and taken by the client. Memory stays
   * flat however many rows the month has. An error after the first byte aborts the response.
   */
  async xlsx(month: string): Promise<Readable> {
    const views = {
      department: await this.scores.scores(month, 'department'),
      window: await this.scores.scores(month, 'window'),
      staff: await this.scores.scores(month, 'staff'),
    } satisfies Record<UnitType, ScoresView>;
    const departmentNames = new Map(views.department.rows.map((r) => [r.id, r.name]));
    const ledger = await this.ledger(month);
    const detailRows = await this.detailRows(month);

    const sheets: XlsxSheet[] = (
      [
        ['部门排名', 'department'],
        ['窗口排名', 'window'],
        ['人员排名', 'staff'],
      ] as [string, UnitType][]
    ).map(([name, by]) => {
      const columns = [...RANKING_COLUMNS];
      if (by !== 'department')
        columns.splice(3, 0, { header: '所属部门', key: 'department', width: 22 });
      if (by === 'staff') columns[1] = { header: '工号', key: 'code', width: 12 };
      const rows = ordered(views[by].rows).map((row) =>
        cells(
          rankingValues(row, row.departmentId ? departmentNames.get(row.departmentId) : undefined),
        ),
      );
      return { name, columns, rows: [rows] };
    });
    sheets.push({
      name: '差评整改台账',
      columns: LEDGER_COLUMNS,
      rows: [
        views.department.rows.map((department) => {
          const l = ledger.get(department.id);
          return cells({
            department: department.name,
            total: l?.total ?? 0,
            voided: l?.voided ?? 0,
            valid: l?.valid ?? 0,
            inProgress: l?.inProgress ?? 0,
            closed: l?.closed ?? 0,
            overdue: l?.overdue ?? 0,
            onTime: l?.onTime ?? 0,
          });
        }),
      ],
    });
    const logger = this.logger;
    sheets.push({
      name: '评价明细',
      columns: DETAIL_COLUMNS,
      rows: (async function* () {
        try {
          yield* detailRows;
        } catch (error) {
          logger.error(`monthly export ${month} failed: ${errorText(error)}`);
          throw error;
        }
      })(),
    });
    return xlsxStream(sheets, { creator: '好差评', created: this.clock.now() });
  }

  /** 差评整改台账: bad-rating tickets of the month per department. */
  private async ledger(month: string, now = this.clock.now()): Promise<Map<number, LedgerRow>> {
    const rows = await this.dataSource.query<
      { departmentId: unknown; status: TicketStatus; dueAt: unknown; closedAt: unknown }[]
    >(
      "SELECT departmentId, status, dueAt, closedAt FROM tickets WHERE monthKey = ? AND source = 'rating'",
      [month],
    );
    const out = new Map<number, LedgerRow>();
    for (const r of rows) {
      const departmentId = toNumber(r.departmentId);
      let l = out.get(departmentId);
      if (!l) {
        l = {
          departmentId,
          total: 0,
          voided: 0,
          valid: 0,
          inProgress: 0,
          closed: 0,
          overdue: 0,
          onTime: 0,
        };
        out.set(departmentId, l);
      }
      l.total++;
      if (r.status === 'voided') {
        l.voided++;
        continue;
      }
      l.valid++;
      const due = toTimestamp(r.dueAt);
      if (r.status === 'closed') {
        l.closed++;
        if (r.closedAt !== null && toTimestamp(r.closedAt) <= due) l.onTime++;
      } else {
        l.inProgress++;
        if (isOverdue(r.status, due, now)) l.overdue++;
      }
    }
    return out;
  }

  /**
   * Every rating of the month in id-ordered batches, personal data masked, no openid or citizen.
   * The lookups and the month's id range are read now (before the first byte); the batches when
   * the returned iterable is pulled. Each batch is a range scan of the primary key between the
   * month's first and last id — not the (monthKey, level) index, which would sort the whole
   * month again for every batch.
   */
  private async detailRows(month: string): Promise<AsyncIterable<Record<string, XlsxValue>[]>> {
    const names = async (table: string, label: string) =>
      new Map(
        (
          await this.dataSource.query<
            {
              id: unknown;
              label: string;
            }[]
          >(`SELECT id, ${label} AS label FROM ${table}`)
        ).map((r) => [toNumber(r.id), r.label]),
      );
    const [departments, windows, staff, items] = await Promise.all([
      names('departments', 'name'),
      names('windows', 'name'),
      names('staff', 'staffNo'),
      names('service_items', 'name'),
    ]);
    const [range] = await this.dataSource.query<{ first: unknown; last: unknown }[]>(
      'SELECT MIN(id) AS first, MAX(id) AS last FROM ratings WHERE monthKey = ?',
      [month],
    );
    const sqlite = this.dataSource.options.type === 'better-sqlite3';
    // The hint keeps the planner on the primary key: `+col` in SQLite, FORCE INDEX in MySQL.
    const select = `SELECT r.id AS id, r.level AS level, r.tags AS tags, r.comment AS comment,
                r.channel AS channel, r.anonymous AS anonymous, r.contactPhoneMasked AS phone,
                r.voided AS voided, r.createdAt AS createdAt, r.departmentId AS departmentId,
                r.windowId AS windowId, r.staffId AS staffId, t.transactionNo AS transactionNo,
                t.serviceItemId AS serviceItemId
           FROM ratings r ${sqlite ? '' : 'FORCE INDEX (PRIMARY)'}
           JOIN transactions t ON t.id = r.transactionId
          WHERE r.id > ? AND r.id <= ? AND ${sqlite ? '+r.monthKey' : 'r.monthKey'} = ?
          ORDER BY r.id LIMIT ${DETAIL_BATCH}`;
    const dataSource = this.dataSource;
    return (async function* () {
      if (range?.first === null || range?.first === undefined) return;
      const last = toNumber(range.last);
      let after = toNumber(range.first) - 1;
      for (;;) {
        const rows = await dataSource.query<Record<string, unknown>[]>(select, [
          after,
          last,
          month,
        ]);
        yield rows.map((r) => {
          const level = toNumber(r.level) as RatingLevel;
          return cells({
            id: toNumber(r.id),
            transactionNo: r.transactionNo,
            item: items.get(toNumber(r.serviceItemId)) ?? '',
            department: departments.get(toNumber(r.departmentId)) ?? '',
            window: windows.get(toNumber(r.windowId)) ?? '',
            staffNo: staff.get(toNumber(r.staffId)) ?? '',
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
        });
        if (rows.length < DETAIL_BATCH) return;
        after = toNumber(rows[rows.length - 1].id);
      }
    })();
  }
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
function cells(row: Record<string, unknown>): Record<string, XlsxValue> {
  for (const key in row) row[key] = neutralised(row[key]);
  return row as Record<string, XlsxValue>;
}

function csvCell(raw: unknown): string {
  const value = neutralised(raw);
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
