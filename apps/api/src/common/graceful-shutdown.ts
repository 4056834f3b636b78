import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { errorText } from './logging';

/**
 * Graceful shutdown (SIGTERM, SIGINT): stop taking new connections, let the requests under way
 * finish — up to DRAIN_MS — and answer anything that still arrives on an open keep-alive
 * connection with `Connection: close`, so clients move on cleanly instead of meeting a reset;
 * then close the application (HTTP server, jobs, database) and exit 0.
 */
export const SHUTDOWN_LIMITS = {
  /** In-flight requests get this long to finish; then their connections are cut. */
  drainMs: 10_000,
  /** With nothing in flight, open keep-alive connections get this long to send their last request. */
  idleGraceMs: 1_000,
  /** Closing jobs and the database after the drain (a dead database must not hold the exit). */
  closeMs: 3_000,
} as const;

interface DrainState {
  draining: boolean;
  inFlight: number;
  lastActivity: number;
}
const STATES = new WeakMap<FastifyInstance, DrainState>();

/** Counts requests in flight and marks every answer `Connection: close` once draining. */
export function trackRequests(fastify: FastifyInstance): void {
  const state: DrainState = { draining: false, inFlight: 0, lastActivity: Date.now() };
  STATES.set(fastify, state);
  fastify.addHook('onRequest', (_request, reply, done) => {
    state.inFlight++;
    state.lastActivity = Date.now();
    if (state.draining) void reply.header('connection', 'close');
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (state.draining) void reply.header('connection', 'close');
    done(null, payload);
  });
  const finished = () => {
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.lastActivity = Date.now();
  };
  fastify.addHook('onResponse', (_request, _reply, done) => {
    finished();
    done();
  });
  fastify.addHook('onRequestAbort', (_request, done) => {
    finished();
    done();
  });
}

export interface ShutdownReport {
  signal: string;
  /** Requests still running when the signal came. */
  inFlightAtSignal: number;
  /** Requests cut off at the drain limit (0 in a clean drain). */
  cutOff: number;
  drainedMs: number;
  totalMs: number;
  /** The application closed within the limits (else the process exits anyway). */
  closed: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the shutdown once; a second signal during it changes nothing. */
export async function shutdownGracefully(
  app: NestFastifyApplication,
  signal: string,
  limits: typeof SHUTDOWN_LIMITS = SHUTDOWN_LIMITS,
): Promise<ShutdownReport> {
  const started = Date.now();
  const fastify = app.getHttpAdapter().getInstance();
  const server: Server = app.getHttpServer();
  const state = STATES.get(fastify) ?? { draining: false, inFlight: 0, lastActivity: 0 };
  state.draining = true;
  const inFlightAtSignal = state.inFlight;

  // Stop listening, but leave open connections alone: http.Server#close would also drop the idle
  // keep-alive ones at once, racing a request the client is sending on one of them right now.
  let connectionsOpen = true;
  if (server.listening) {
    NetServer.prototype.close.call(server, () => {
      connectionsOpen = false;
    });
  } else {
    connectionsOpen = false;
  }

  // Drain: until every connection has closed (each closes after an answer marked
  // Connection: close), or nothing has been in flight for a moment, or the limit.
  while (Date.now() - started < limits.drainMs && connectionsOpen) {
    if (state.inFlight === 0 && Date.now() - state.lastActivity >= limits.idleGraceMs) break;
    await sleep(25);
  }
  const cutOff = state.inFlight;
  const drainedMs = Date.now() - started;
  server.closeAllConnections();

  const closing = app.close().then(
    () => true,
    () => false,
  );
  const closed = await Promise.race([closing, sleep(limits.closeMs).then(() => false)]);
  return { signal, inFlightAtSignal, cutOff, drainedMs, totalMs: Date.now() - started, closed };
}

/**
 * Installs the handlers in main.ts: the first SIGTERM/SIGINT drains and exits 0 (not the 143 a
 * re-raised signal gives); later ones are ignored while that runs.
 */
export function exitGracefullyOnSignals(
  app: NestFastifyApplication,
  log: (message: string) => void,
): void {
  let shutting = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutting) {
      log(`${signal} again: still shutting down`);
      return;
    }
    shutting = true;
    log(`${signal}: draining requests (up to ${SHUTDOWN_LIMITS.drainMs / 1000} s), then closing`);
    void shutdownGracefully(app, signal).then(
      (report) => {
        log(`shutdown: ${JSON.stringify(report)}`);
        process.exit(0);
      },
      (error: unknown) => {
        log(`shutdown failed: ${errorText(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
