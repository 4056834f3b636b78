import { maskPersonalData } from '@haochaping/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Params } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

/** Rating tokens travel in URLs; they are capabilities and never reach a log. */
export function sanitizeUrl(url: string): string {
  return maskPersonalData(
    url
      .replace(/(\/rating-forms\/)[^/?#]+/, '$1[token]')
      .replace(/([?&](?:token|access_token|code|key)=)[^&#]*/gi, '$1[redacted]'),
  );
}

/** What a thrown value says, for a log line. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A request as its log lines name it: the id, the method and the URL without secrets. */
export function requestBinding(request: FastifyRequest): {
  id: string;
  method: string;
  url: string;
} {
  return { id: request.id, method: request.method, url: sanitizeUrl(request.url) };
}

const ROOTS = new WeakMap<AppConfig, Logger>();

/**
 * The application's one pino logger (per configuration): JSON lines, or single pretty lines on a
 * terminal; personal data masked in messages and redacted from logged objects.
 */
export function rootLogger(config: AppConfig): Logger {
  let root = ROOTS.get(config);
  if (root) return root;
  const pretty = !config.production && process.stdout.isTTY && config.logLevel !== 'silent';
  root = pino({
    level: config.logLevel,
    transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    // A request is logged as requestBinding (no headers); these are what a logged object may hold.
    redact: {
      paths: [
        '*.password',
        '*.contactPhone',
        '*.applicantPhone',
        '*.token',
        '*.openid',
        '*.touser',
      ],
      censor: '[redacted]',
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a: unknown) => (typeof a === 'string' ? maskPersonalData(a) : a));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
  });
  ROOTS.set(config, root);
  return root;
}

/**
 * nestjs-pino for Nest's Logger only: its request middleware is not installed. That middleware
 * (pino-http) built a child logger for every request by serialising the whole request (headers
 * included) and redacting it, even when no line was written: with its own async context it halved
 * the requests per second of an empty route (docs/benchmarks.md, change 13). The request context
 * (request-context.ts) hands Nest's Logger a child logger, made when a line is first written, and
 * `logRequests` writes the one line per request.
 */
export function loggerParams(config: AppConfig): Params {
  return { pinoHttp: { logger: rootLogger(config) }, useExisting: true, forRoutes: [] };
}

/** One line per answered request (not the health checks), as pino-http wrote it. */
export function logRequests(fastify: FastifyInstance, root: Logger): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const failed = reply.statusCode >= 500;
    if (root.isLevelEnabled(failed ? 'error' : 'info') && request.url !== '/api/health') {
      const line = {
        req: requestBinding(request),
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (failed) root.error(line, 'request errored');
      else root.info(line, 'request completed');
    }
    done();
  });
}
