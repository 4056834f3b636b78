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

let running = 0;

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
 * Starts `job` in a thread of its own and resolves once the thread has its database connection
 * (an error opening it rejects, before any byte, so it is still answered as JSON), with the
 * workbook's bytes as a stream. The thread sends a chunk only when the stream asks for one:
 * a slow client holds one chunk in flight, not the month. Destroying the stream (the client
 * went away) stops the thread; an error in the thread destroys the stream with it.
 */
export function exportInThread(job: ExportJob): Promise<Readable> {
  const options: WorkerOptions = {
    workerData: { kind: 'hcp-export', job },
    resourceLimits: {
      maxOldGenerationSizeMb: EXPORT_HEAP.oldMb,
      maxYoungGenerationSizeMb: EXPORT_HEAP.youngMb,
    },
  };
  const worker = existsSync(ENTRY)
    ? new Worker(ENTRY, options)
    : new Worker(SOURCE_ENTRY, { ...options, eval: true });
  running++;
  worker.once('exit', () => running--);
  let ended = false;
  const stream = new Readable({
    highWaterMark: 1 << 16,
    read() {
      worker.postMessage(MORE);
    },
    destroy(error, callback) {
      if (!ended) void worker.terminate();
      callback(error);
    },
  });
  return new Promise<Readable>((resolve, reject) => {
    let ready = false;
    const fail = (error: Error) => {
      ended = true;
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
          stream.push(
            Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength),
          );
          break;
        case 'end':
          ended = true;
          stream.push(null);
          break;
        case 'error':
          fail(new ExportThreadError(message.message, message.code, message.fatal));
          break;
      }
    });
    // The thread itself failed: out of its memory, or it could not start.
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!ended) fail(new Error(`the export thread stopped (exit code ${code}) before the end`));
    });
  });
}
