import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toNumber } from '../database/numbers';
import { Ticket } from '../tickets/entities/ticket.entity';
import { overdueCondition } from '../tickets/overdue-sql';
import type { UnitType } from '@haochaping/domain';
import { ScoresService, type ScoreRow, type ScoresView } from '../scores/scores.service';
import { Clock } from '../common/clock';
import { errorText } from '../common/logging';
import {
  cells,
  MONTH_RANGE_PARAMS,
  MONTH_RANGE_SELECT,
  monthRangeOf,
  neutralised,
} from './detail-rows';
import { exportInThread } from './export-thread';
import type { ExportDatabase, ExportJob } from './export-worker';
import type { XlsxColumn, XlsxSheet } from './xlsx-stream';

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
   * JSON). Then a thread of its own (export-thread.ts) reads the detail sheet from the database
   * one id-ordered batch at a time, each batch only once the previous one has been compressed
   * and taken by the client, and writes the workbook: the month's rows never pass through the
   * heap that answers every other request, and memory stays flat however many rows the month
   * has. An error after the first byte aborts the response.
   */
  async xlsx(month: string): Promise<Readable> {
    const views = {
      department: await this.scores.scores(month, 'department'),
      window: await this.scores.scores(month, 'window'),
      staff: await this.scores.scores(month, 'staff'),
    } satisfies Record<UnitType, ScoresView>;
    const departmentNames = new Map(views.department.rows.map((r) => [r.id, r.name]));
    const ledger = await this.ledger(month);
    const detail = await this.detailJob(month);

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
    const stream = await exportInThread({
      database: this.exportDatabase(),
      sheets,
      detail,
      options: { creator: '好差评', created: this.clock.now() },
    });
    // After the first byte an error can only abort the response: it is logged here.
    return stream.on('error', (error) =>
      this.logger.error(`monthly export ${month} failed: ${errorText(error)}`),
    );
  }

  /**
   * 差评整改台账: bad-rating tickets of the month per department, counted by the database (one
   * row per department; reading every ticket of a 1M-rating month into this thread was ~10 MB
   * of the export's peak, docs/benchmarks.md, change 15). Overdue as `isOverdue` has it: still
   * running and past its due time; on time: closed no later than due.
   */
  private async ledger(month: string, now = this.clock.now()): Promise<Map<number, LedgerRow>> {
    const overdue = overdueCondition(now);
    const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('t.departmentId', 'departmentId')
      .addSelect('COUNT(*)', 'total')
      .addSelect(count("t.status = 'voided'"), 'voided')
      .addSelect(count("t.status = 'closed'"), 'closed')
      .addSelect(
        count("t.status = 'closed' AND t.closedAt IS NOT NULL AND t.closedAt <= t.dueAt"),
        'onTime',
      )
      .addSelect(count(overdue.sql), 'overdue')
      .from(Ticket, 't')
      .where("t.monthKey = :month AND t.source = 'rating'", { month })
      .setParameters(overdue.params)
      .groupBy('t.departmentId')
      .getRawMany<Record<keyof LedgerRow, unknown>>();
    const out = new Map<number, LedgerRow>();
    for (const r of rows) {
      const total = toNumber(r.total);
      const voided = toNumber(r.voided);
      const closed = toNumber(r.closed);
      out.set(toNumber(r.departmentId), {
        departmentId: toNumber(r.departmentId),
        total,
        voided,
        valid: total - voided,
        inProgress: total - voided - closed,
        closed,
        overdue: toNumber(r.overdue),
        onTime: toNumber(r.onTime),
      });
    }
    return out;
  }

  /**
   * What the export thread needs to write the detail sheet: the names it shows instead of ids
   * and the month's id range, read now (before the first byte, so an error is still a JSON
   * answer); the rows themselves are read by the thread, batch by batch (detail-rows.ts).
   */
  private async detailJob(month: string): Promise<ExportJob['detail']> {
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
    return {
      name: '评价明细',
      month,
      range: await this.monthRange(month),
      names: { departments, windows, staff, items },
    };
  }

  /** The month's first and last rating id (detail-rows.ts, `MONTH_RANGE_SELECT`). */
  private async monthRange(month: string): Promise<{ first: number; last: number } | null> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      MONTH_RANGE_SELECT,
      Array.from({ length: MONTH_RANGE_PARAMS }, () => month),
    );
    return monthRangeOf(row);
  }

  /** The API's database, for the export thread's own connection. */
  private exportDatabase(): ExportDatabase {
    const options = this.dataSource.options;
    if (options.type === 'better-sqlite3') return { kind: 'sqlite', path: options.database };
    if (options.type !== 'mysql' && options.type !== 'mariadb') {
      throw new Error(`no monthly export on a ${options.type} database`);
    }
    return {
      kind: 'mysql',
      url: String(options.url),
      timezone: String(options.timezone),
      charset: String(options.charset),
    };
  }
}

function csvCell(raw: unknown): string {
  const value = neutralised(raw);
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
