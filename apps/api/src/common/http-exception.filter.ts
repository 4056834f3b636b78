import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type ErrorCode, ERROR_STATUS } from '@haochaping/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { isDatabaseUnavailable, isUniqueViolation } from '../database/errors';
import { DATABASE_LIMITS } from '../database/limits';

export interface ErrorBody {
  statusCode: number;
  error: ErrorCode;
  message: string;
  details?: Record<string, string[]>;
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'DATABASE_UNAVAILABLE',
};

/** Maps every error to the contract's `{statusCode, error, message, details?}` body. */
export function toErrorBody(exception: unknown): ErrorBody | null {
  if (exception instanceof DomainError) {
    const body: ErrorBody = {
      statusCode: ERROR_STATUS[exception.code],
      error: exception.code,
      message: exception.message,
    };
    if (exception.details) body.details = exception.details;
    return body;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
    const response = exception.getResponse();
    const inner =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(inner)
      ? inner.join('; ')
      : typeof inner === 'string'
        ? inner
        : exception.message;
    return { statusCode: status, error: code, message };
  }
  // Fastify's own errors (body too large, malformed JSON, wrong content type) carry statusCode.
  const fastifyError = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const code =
      fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST');
    return { statusCode: status, error: code, message: String(fastifyError.message) };
  }
  if (isUniqueViolation(exception)) {
    return { statusCode: 409, error: 'CONFLICT', message: 'A record with the same key exists' };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: 503,
      error: 'DATABASE_UNAVAILABLE',
      message: 'The database is unreachable or busy; try again shortly',
    };
  }
  return null;
}

/** Seconds for Retry-After: what the error says, else a default for 503 and 429. */
export function retryAfterOf(exception: unknown, body: ErrorBody): number | undefined {
  if (exception instanceof DomainError && exception.retryAfterSeconds) {
    return exception.retryAfterSeconds;
  }
  if (body.statusCode === 503 && body.error === 'DATABASE_UNAVAILABLE') {
    return DATABASE_LIMITS.retryAfterSeconds;
  }
  if (body.statusCode === 429) return 60;
  return undefined;
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** @param h5Dir folder of the H5 client build; its index.html answers unknown non-API pages. */
  constructor(private readonly h5Dir?: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = toErrorBody(exception);

    if (body?.statusCode === 404 && this.servesClientPage(request)) {
      const index = join(this.h5Dir as string, 'index.html');
      void reply
        .status(HttpStatus.OK)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(createReadStream(index));
      return;
    }
    if (body) {
      const retryAfter = retryAfterOf(exception, body);
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      if (body.error === 'DATABASE_UNAVAILABLE') {
        // One line, no stack: an outage would otherwise flood the log.
        this.logger.warn(
          `${request.method} ${request.url.split('?')[0]}: ${describeCause(exception)}`,
        );
      }
      void reply.status(body.statusCode).send(body);
      return;
    }
    // Unknown failure: log it with the stack, answer without internals.
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : exception,
    );
    const internal: ErrorBody = {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'INTERNAL_ERROR',
      message: 'Internal server error',
    };
    void reply.status(internal.statusCode).send(internal);
  }

  /** The H5 client uses browser-history routes: any unknown GET outside /api is a page of it. */
  private servesClientPage(request: FastifyRequest): boolean {
    if (!this.h5Dir || request.method !== 'GET') return false;
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) return false;
    if (/\.[a-z0-9]+$/i.test(path)) return false; // a missing asset stays a 404
    return existsSync(join(this.h5Dir, 'index.html'));
  }
}

function describeCause(exception: unknown): string {
  const inner = (exception as { driverError?: unknown })?.driverError ?? exception;
  const code = (inner as { code?: unknown })?.code;
  const message = inner instanceof Error ? inner.message : String(inner);
  return typeof code === 'string' ? `${code} ${message}` : message;
}
