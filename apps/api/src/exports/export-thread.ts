import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { MORE, type ExportJob, type ExportMessage } from './export-worker';

/**
 * Heap limits of an export's thread. Nothing in it grows with the month (one batch of rows, the
 * zlib queue, the ranking sheets: ~11 MB live after each full collection of a 1M-row export), so
 * the caps only make V8 collect before the heap swells. The young generation's default (16 MB
 * semi-spaces) alone added ~25 MB to every export (docs/benchmarks.md, change 15).
 */
export const EXPORT_HEAP = { oldMb: 64, youngMb: 8 };

const ENTRY = join(__dirname, 'export-worker.js');
/** Built (`dist/`): the thread runs the compiled entry; from the sources it compiles its own. */
const BUILT = existsSync(ENTRY);

let running = 0;

/** Chunks a piped export asks the thread for ahead of what the response has taken. */
const AHEAD = 4;

/** Export threads running now in this process. */
export function exportThreads(): number {
  return running;
}

/**
 * Run from the TypeScript sources (the test suites, through SWC as Jest does): the thread
 * compiles what it loads with the same SWC options, and takes the domain from its sources.
 */
const SOURCE_ENTRY = `
const Module = require('node:module');
const swc = require('@swc/core');
const domain = ${JSON.stringify(join(__dirname, '../../../../libs/domain/src/index.ts'))};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@haochaping/domain' ? domain : request, ...rest);
};
Module._extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformFileSync(filename, {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
require(${JSON.stringify(join(__dirname, 'export-worker.ts'))});
`;

/** An error the export thread reported, with the driver's code so it is classified as before. */
export class ExportThreadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly fatal?: boolean,
  ) {
    super(message);
  }
}

/**
 * The workbook's bytes as they come from the export thread. Read as a stream, it asks the thread
 * for a chunk whenever it wants one. Piped (as Fastify sends a stream), it writes each chunk to
 * the response itself and, once the response has written it, hands the chunk's memory back to
 * the thread to fill again: a few 64 KB buffers go round for the whole export. Otherwise every
 * chunk would be a new buffer that only a collection of this thread's heap frees, and this thread
 * allocates too little else to collect often: a 1M-row export held ~25–50 MB of sent chunks
 * (docs/benchmarks.md, change 15).
 */
export class ExportStream extends Readable {
  /** Buffers the thread allocated for its chunks (set when it ends). */
  buffers?: number;
  private target: NodeJS.WritableStream | null = null;
  private endTarget = true;
  /** The thread has ended (or failed): nothing more to ask it. */
  threadDone = false;

  constructor(private readonly worker: Worker) {
    super({ highWaterMark: 1 << 16 });
  }

  override _read(): void {
    if (!this.target && !this.threadDone) this.worker.postMessage(MORE);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.threadDone) void this.worker.terminate();
    this.threadDone = true;
    callback(error);
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    // Already read from, or piped twice: the plain stream's pipe.
    if (this.target || this.readableLength > 0 || this.readableFlowing !== null) {
      return super.pipe(destination, options);
    }
    this.target = destination;
    this.endTarget = options?.end !== false;
    // A few chunks asked for ahead, so the thread never waits for a round trip between two
    // (one at a time cost a 1M-row export ~10 % of its speed).
    for (let i = 0; i < AHEAD; i++) this.worker.postMessage(MORE);
    return destination;
  }

  /** A chunk from the thread: `length` bytes at the start of `buffer`. */
  chunk(buffer: ArrayBuffer, length: number): void {
    const data = Buffer.from(buffer, 0, length);
    const target = this.target;
    if (!target) {
      this.push(data);
      return;
    }
    if (this.destroyed) return;
    const more = target.write(data, (error) => {
      // Written: the memory goes back to the thread (detached here; nothing holds it any more).
      if (!error && !this.threadDone) this.worker.postMessage({ type: 'free', buffer }, [buffer]);
    });
    if (more) this.worker.postMessage(MORE);
    else target.once('drain', () => !this.threadDone && this.worker.postMessage(MORE));
  }

  /** The thread wrote the last chunk. */
  ended(buffers: number): void {
    this.threadDone = true;
    this.buffers = buffers;
    if (this.target) {
      if (this.endTarget) this.target.end();
      // Nothing passed through this stream: let it end, so whoever watches it sees the end.
      this.resume();
    }
    this.push(null);
  }
}

/**
 * Starts `job` in a thread of its own and resolves once the thread has its database connection
 * (an error opening it rejects, before any byte, so it is still answered as JSON), with the
 * workbook's bytes as a stream (ExportStream). The thread sends a chunk only when asked for one:
 * a slow client holds one chunk in flight, not the month. Destroying the stream (the client
 * went away) stops the thread; an error in the thread destroys the stream with it.
 */
export function exportInThread(job: ExportJob): Promise<ExportStream> {
  const options: WorkerOptions = {
    workerData: { kind: 'hcp-export', job },
    resourceLimits: {
      maxOldGenerationSizeMb: EXPORT_HEAP.oldMb,
      maxYoungGenerationSizeMb: EXPORT_HEAP.youngMb,
    },
  };
  const worker = BUILT
    ? new Worker(ENTRY, options)
    : new Worker(SOURCE_ENTRY, { ...options, eval: true });
  running++;
  worker.once('exit', () => running--);
  const stream = new ExportStream(worker);
  return new Promise<ExportStream>((resolve, reject) => {
    let ready = false;
    const fail = (error: Error) => {
      stream.threadDone = true;
      void worker.terminate();
      if (ready) stream.destroy(error);
      else reject(error);
    };
    worker.on('message', (message: ExportMessage) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          resolve(stream);
          break;
        case 'data':
          stream.chunk(message.buffer, message.length);
          break;
        case 'end':
          stream.ended(message.buffers);
          break;
        case 'error':
          fail(new ExportThreadError(message.message, message.code, message.fatal));
          break;
      }
    });
    // The thread itself failed: out of its memory, or it could not start.
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!stream.threadDone) {
        fail(new Error(`the export thread stopped (exit code ${code}) before the end`));
      }
    });
  });
}
