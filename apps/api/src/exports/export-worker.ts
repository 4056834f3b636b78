import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { toNumber } from '../database/numbers';
import { DATABASE_LIMITS } from '../database/limits';
import { AT, DETAIL_BATCH, DETAIL_COLUMNS, detailCells, detailSelect } from './detail-rows';
import type { DetailLookups } from './detail-rows';
import { xlsxStream, type XlsxOptions, type XlsxSheet, type XlsxValue } from './xlsx-stream';

/**
 * The monthly report's own thread (started by export-thread.ts): it opens its own connection,
 * reads the month's detail rows batch by batch and writes the whole workbook, sending the
 * compressed bytes to the API's thread one chunk per request for more. A month of a million
 * ratings allocates gigabytes of short-lived rows and cells; here they live in a heap of their
 * own, bounded by the thread's resource limits, not in the heap of the thread that answers every
 * other request (docs/benchmarks.md, change 15).
 */

/** Where the worker reads the detail rows: the same database the API uses, a connection of its own. */
export type ExportDatabase =
  | { kind: 'sqlite'; path: string }
  | { kind: 'mysql'; url: string; timezone: string; charset: string };

export interface ExportJob {
  database: ExportDatabase;
  /** The sheets before the detail sheet, rows included (small: rankings and the ledger). */
  sheets: XlsxSheet[];
  detail: {
    name: string;
    month: string;
    /** The month's first and last rating id; null when the month has none. */
    range: { first: number; last: number } | null;
    names: DetailLookups;
  };
  options: XlsxOptions;
}

/** What the worker tells the API's thread. */
export type ExportMessage =
  | { type: 'ready' }
  | { type: 'data'; buffer: ArrayBuffer; length: number }
  | { type: 'end'; buffers: number }
  | { type: 'error'; message: string; code?: string; fatal?: boolean };

/**
 * What the API's thread tells the worker: send one more chunk (MORE), or here is the memory of
 * a chunk the response has written, to fill again.
 */
export const MORE = 'more';
export interface Freed {
  type: 'free';
  buffer: ArrayBuffer;
}

/** Size of the buffers chunks are sent in (a larger piece is sent in several). */
const SLOT = 1 << 16;

/** The export connection's SQLite page cache, in KiB. */
const EXPORT_SQLITE_CACHE_KB = 1024;

interface BatchReader {
  /** A batch of detail rows, each an array in the order of `AT`. */
  read(after: number, last: number, month: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

async function openReader(db: ExportDatabase): Promise<BatchReader> {
  if (db.kind === 'sqlite') {
    // WAL: a reader of its own never waits for the API's writes.
    const conn = new Database(db.path, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 5000');
    // Each page is read once, in order: a small page cache. better-sqlite3's default (16 MB)
    // filled as the month was read, the largest part of what a 1M-row export held beyond a
    // 100k one (docs/benchmarks.md, change 18).
    conn.pragma(`cache_size = -${EXPORT_SQLITE_CACHE_KB}`);
    const statement = conn.prepare(detailSelect(true)).raw(true);
    return {
      read: (after, last, month) =>
        Promise.resolve(statement.all(after, last, month) as unknown[][]),
      close: () => {
        conn.close();
        return Promise.resolve();
      },
    };
  }
  // Loaded here, not with the module: the API's thread loads this module too (for MORE and its
  // types), and an API on SQLite needs no mysql2 (start-up, docs/benchmarks.md, change 17).
  const { createConnection } = await import('mysql2/promise');
  // The driver options TypeORM gives the API's pool (MysqlDriver.createConnectionOptions), so
  // the rows arrive with the same types.
  const conn = await createConnection({
    uri: db.url,
    timezone: db.timezone,
    charset: db.charset,
    connectTimeout: DATABASE_LIMITS.connectMs,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const sql = detailSelect(false);
  return {
    read: async (after, last, month) => {
      const [rows] = await conn.query(
        { sql, timeout: DATABASE_LIMITS.queryMs, rowsAsArray: true },
        [after, last, month],
      );
      return rows as unknown[][];
    },
    close: () => conn.end(),
  };
}

async function* detailBatches(
  reader: BatchReader,
  job: ExportJob['detail'],
): AsyncGenerator<Record<string, XlsxValue>[]> {
  if (!job.range) return;
  const { first, last } = job.range;
  let after = first - 1;
  for (;;) {
    const rows = await reader.read(after, last, job.month);
    yield rows.map((r) => detailCells(r, job.names));
    if (rows.length < DETAIL_BATCH) return;
    after = toNumber(rows[rows.length - 1][AT.id]);
  }
}

async function run(job: ExportJob): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('export-worker.ts runs as a worker thread');
  const post = (message: ExportMessage, transfer?: ArrayBuffer[]) =>
    port.postMessage(message, transfer);
  let wanted = 0;
  let wake: (() => void) | null = null;
  const free: ArrayBuffer[] = [];
  let buffers = 0;
  const onMessage = (message: typeof MORE | Freed) => {
    if (message === MORE) {
      wanted++;
      wake?.();
    } else if (message?.type === 'free' && message.buffer.byteLength === SLOT) {
      free.push(message.buffer);
    }
  };
  /** Memory for a chunk (at most SLOT bytes): a freed buffer when one is back, else a new one. */
  const slot = (): ArrayBuffer => {
    const reused = free.pop();
    if (reused) return reused;
    buffers++;
    return new ArrayBuffer(SLOT);
  };
  port.on('message', onMessage);
  let reader: BatchReader | undefined;
  try {
    reader = await openReader(job.database);
    post({ type: 'ready' });
    const stream = xlsxStream(
      [
        ...job.sheets,
        {
          name: job.detail.name,
          columns: DETAIL_COLUMNS,
          rows: detailBatches(reader, job.detail),
        },
      ],
      job.options,
    );
    for await (const piece of stream as AsyncIterable<Buffer>) {
      // In chunks of at most SLOT bytes, so the same few buffers go round.
      for (let at = 0; at < piece.byteLength; at += SLOT) {
        const part = piece.subarray(at, at + SLOT);
        while (wanted === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        wanted--;
        // Copied into memory handed over whole (zlib's chunks may share a larger buffer).
        const buffer = slot();
        new Uint8Array(buffer, 0, part.byteLength).set(part);
        post({ type: 'data', buffer, length: part.byteLength }, [buffer]);
      }
    }
    post({ type: 'end', buffers });
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown; fatal?: unknown };
    post({
      type: 'error',
      message: String(e?.message ?? error),
      code: typeof e?.code === 'string' ? e.code : undefined,
      fatal: e?.fatal === true,
    });
  } finally {
    await reader?.close().catch(() => undefined);
    // Nothing left to wait for: the thread ends once what it posted has gone.
    port.off('message', onMessage);
  }
}

if (parentPort && (workerData as { kind?: unknown } | null)?.kind === 'hcp-export') {
  void run((workerData as { job: ExportJob }).job);
}
