import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { AT, DETAIL_BATCH, DETAIL_COLUMNS, detailCells, type DetailLookups } from './detail-rows';
import { exportInThread, exportThreads, ExportThreadError } from './export-thread';
import type { ExportJob } from './export-worker';
import { xlsxStream, type XlsxSheet } from './xlsx-stream';

/**
 * The monthly report written by its own thread (export-worker.ts, compiled from these sources as
 * the API's build would run it) is byte for byte the workbook the same rows give written in this
 * thread; errors before the first byte reject, errors after it destroy the stream.
 */

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const MONTH = '2026-10';
const COMMENTS = [
  '窗口服务很好',
  '电话 13812345678 请回电',
  '=HYPERLINK("http://x")',
  '身份证 110101199003071234 办理',
  '',
  '+1 & <b>',
];

describe('the export thread', () => {
  let dir: string;
  let path: string;
  let monthRows: unknown[][];
  const names: DetailLookups = {
    departments: new Map([
      [1, '市场监督管理局'],
      [2, '=公安局'],
    ]),
    windows: new Map([[10, '综合窗口 1']]),
    staff: new Map([[100, 'S0100']]),
    items: new Map([[7, '营业执照办理']]),
  };
  const small: XlsxSheet[] = [
    {
      name: '部门排名',
      columns: [
        { header: '名称', key: 'name', width: 20 },
        { header: '好评率', key: 'rate', width: 10, format: 'percent' },
      ],
      rows: [
        [
          { name: '市场监督管理局', rate: 0.75 },
          { name: '公安局', rate: null },
        ],
      ],
    },
  ];
  const options = { creator: '好差评', created: new Date(Date.UTC(2026, 10, 1, 2, 3, 4)) };

  /** A database with the two tables the detail sheet reads; `tags` of every rating. */
  function seed(
    file: string,
    tags = (i: number) => JSON.stringify(i % 4 ? [] : ['态度好', '效率高']),
  ) {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE transactions (id INTEGER PRIMARY KEY, transactionNo TEXT, serviceItemId INTEGER);
             CREATE TABLE ratings (id INTEGER PRIMARY KEY, transactionId INTEGER, monthKey TEXT,
               level INTEGER, tags TEXT, comment TEXT, channel TEXT, anonymous INTEGER,
               contactPhoneMasked TEXT, voided INTEGER, createdAt TEXT, departmentId INTEGER,
               windowId INTEGER, staffId INTEGER);`);
    const tx = db.prepare('INSERT INTO transactions VALUES (?, ?, ?)');
    const rating = db.prepare('INSERT INTO ratings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    db.transaction(() => {
      // More than two batches of the month, with another month's ratings between them.
      for (let i = 1; i <= 2 * DETAIL_BATCH + 700; i++) {
        tx.run(i, `BJ2026${String(i).padStart(8, '0')}`, i % 3 === 0 ? 99 : 7);
        rating.run(
          i,
          i,
          i % 11 === 0 ? '2026-09' : MONTH,
          (i % 5) + 1,
          tags(i),
          COMMENTS[i % COMMENTS.length],
          i % 2 ? 'wechat' : 'window_device',
          i % 3 === 0 ? 1 : 0,
          i % 10 === 0 ? '138****5678' : null,
          i % 13 === 0 ? 1 : 0,
          `2026-10-${String((i % 28) + 1).padStart(2, '0')} 0${i % 10}:30:00.000`,
          (i % 2) + 1,
          10,
          i % 7 === 0 ? 999 : 100,
        );
      }
    })();
    const rows = db
      .prepare(
        `SELECT r.id AS id, r.level AS level, r.tags AS tags, r.comment AS comment,
                r.channel AS channel, r.anonymous AS anonymous, r.contactPhoneMasked AS phone,
                r.voided AS voided, r.createdAt AS createdAt, r.departmentId AS departmentId,
                r.windowId AS windowId, r.staffId AS staffId, t.transactionNo AS transactionNo,
                t.serviceItemId AS serviceItemId
           FROM ratings r JOIN transactions t ON t.id = r.transactionId
          WHERE r.monthKey = ? ORDER BY r.id`,
      )
      .raw(true)
      .all(MONTH) as unknown[][];
    db.close();
    return rows;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hcp-export-thread-'));
    path = join(dir, 'export.sqlite');
    monthRows = seed(path);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const job = (over: Partial<ExportJob['detail']> = {}, file = path): ExportJob => ({
    database: { kind: 'sqlite', path: file },
    sheets: small,
    detail: {
      name: '评价明细',
      month: MONTH,
      range: {
        first: monthRows[0][AT.id] as number,
        last: monthRows[monthRows.length - 1][AT.id] as number,
      },
      names,
      ...over,
    },
    options,
  });

  /** The detail sheet of the month's rows, written in this thread. */
  const detailSheet = (): XlsxSheet => ({
    name: '评价明细',
    columns: DETAIL_COLUMNS,
    rows: [monthRows.map((r) => detailCells(r, names))],
  });

  it('writes the same bytes as the workbook written in this thread', async () => {
    expect(monthRows.length).toBeGreaterThan(2 * DETAIL_BATCH);
    const fromThread = await read(await exportInThread(job()));
    const here = await read(xlsxStream([...small, detailSheet()], options));
    expect(fromThread.equals(here)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fromThread as unknown as ArrayBuffer);
    const detail = book.getWorksheet('评价明细')!;
    expect(detail.rowCount).toBe(monthRows.length + 1);
    const text = detail
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).not.toMatch(/13812345678|110101199003071234/);
    expect(text).toContain("'=HYPERLINK");
    expect(text).toContain("'=公安局");
  });

  it('piped, writes each chunk itself and fills the same few buffers again', async () => {
    const stream = await exportInThread(job());
    const written: Buffer[] = [];
    // A response that takes its time: each chunk is read a turn of the event loop later, when
    // its write is done (memory handed back any sooner would be gone or filled again by then).
    const response = new Writable({
      highWaterMark: 1 << 15,
      write(chunk: Buffer, _encoding, done) {
        setImmediate(() => {
          written.push(Buffer.from(chunk));
          done();
        });
      },
    });
    await pipeline(stream, response);
    const here = await read(xlsxStream([...small, detailSheet()], options));
    expect(Buffer.concat(written).equals(here)).toBe(true);
    expect(written.length).toBeGreaterThan(10);
    // Those asked for ahead (4) and one or two on their way back.
    expect(stream.buffers).toBeLessThanOrEqual(6);
  });

  it('writes the empty detail sheet of a month without ratings', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await read(await exportInThread(job({ range: null })))) as unknown as ArrayBuffer,
    );
    expect(book.getWorksheet('评价明细')!.rowCount).toBe(1);
    expect(book.getWorksheet('部门排名')!.getRow(2).getCell(1).value).toBe('市场监督管理局');
  });

  it('rejects before the first byte when the thread cannot open the database', async () => {
    await expect(exportInThread(job({}, join(dir, 'missing.sqlite')))).rejects.toBeInstanceOf(
      ExportThreadError,
    );
  });

  it('rejects before the first byte when the thread cannot prepare its query', async () => {
    const broken = join(dir, 'broken.sqlite');
    const db = new Database(broken);
    db.exec(
      'CREATE TABLE ratings (id INTEGER PRIMARY KEY); CREATE TABLE transactions (id INTEGER)',
    );
    db.close();
    await expect(exportInThread(job({}, broken))).rejects.toThrow(/no such column/);
    await until(() => exportThreads() === 0);
  });

  it('destroys the stream with the error when a row fails after the first byte', async () => {
    const bad = join(dir, 'bad-tags.sqlite');
    // The second batch holds a tag list that is not JSON.
    seed(bad, (i) => (i === DETAIL_BATCH + 5 ? '{not json' : '[]'));
    const stream = await exportInThread(job({}, bad));
    await expect(read(stream)).rejects.toThrow(/JSON/);
    await until(() => exportThreads() === 0);
  });

  it('stops the thread when the client goes away', async () => {
    const stream = await exportInThread(job());
    expect(exportThreads()).toBe(1);
    stream.destroy();
    await until(() => exportThreads() === 0);
  });
});

/** Waits for `done`, checking on every turn of the event loop (fails by Jest's timeout). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}
