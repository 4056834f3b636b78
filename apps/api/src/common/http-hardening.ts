import type { Socket } from 'node:net';
import { basename } from 'node:path';
import { STATUS_CODES } from 'node:http';
import type { SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import type { ErrorCode } from '@haochaping/domain';
import { DomainError } from './domain-error';
import { toErrorBody, type ErrorBody } from './http-exception.filter';

/*
 * What Fastify does before or outside Nest's exception filter, brought under the contract: URLs
 * it cannot decode, connections it refuses (header overflow, timeouts), and bodies nested so
 * deep that validation would run out of stack.
 */

/** Deepest nesting of objects and arrays accepted in a JSON body; real bodies use three or four. */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether a parsed JSON value nests objects or arrays deeper than `limit` (a flat object is depth
 * 1). Iterative, so a hostile body cannot exhaust the stack here, and it stops at the first
 * node too deep.
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: { node: object; depth: number }[] = [];
  if (value !== null && typeof value === 'object') stack.push({ node: value, depth: 1 });
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.depth > limit) return true;
    for (const child of Object.values(item.node)) {
      if (child !== null && typeof child === 'object') {
        stack.push({ node: child as object, depth: item.depth + 1 });
      }
    }
  }
  return false;
}

/** Refuses over-deep bodies after parsing and before guards, pipes and class-transformer. */
export function limitBodyDepth(fastify: FastifyInstance, limit = MAX_BODY_DEPTH): void {
  fastify.addHook('preValidation', (request, _reply) =>
    exceedsDepth(request.body, limit)
      ? Promise.reject(
          new DomainError(
            'VALIDATION_FAILED',
            `The body nests objects or arrays deeper than ${limit} levels`,
            { body: [`nested deeper than ${limit} levels`] },
          ),
        )
      : Promise.resolve(),
  );
}

const INTERNAL: ErrorBody = {
  statusCode: 500,
  error: 'INTERNAL_ERROR',
  message: 'Internal server error',
};

/**
 * A path parameter longer than Fastify's limit (100 characters) matches no resource: 404, as any
 * unknown path, and as Fastify itself answered before 5.12 (which says 414, in no answer of the
 * contract). The path is not echoed: the parameter may be a rating token.
 */
const PARAM_TOO_LONG: ErrorBody = {
  statusCode: 404,
  error: 'NOT_FOUND',
  message: 'Not found: a path parameter is longer than any id, date or token',
};

/** Errors Fastify raises before routing (an undecodable URL): answered with the contract body. */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error,
  _request,
  reply,
) => {
  const body =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? PARAM_TOO_LONG : (toErrorBody(error) ?? INTERNAL);
  void (reply as unknown as FastifyReply).status(body.statusCode).send(body);
};

const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    message: 'The request headers are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    message: 'The request took too long',
  },
};

/**
 * Node's `clientError`: a request the HTTP parser refused (headers too large, malformed, timed
 * out). Fastify would write its own `{error, message, statusCode}` text; this writes the contract
 * body instead, then closes the connection as Node does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
  const body: ErrorBody = known
    ? { statusCode: known.status, error: known.code, message: known.message }
    : { statusCode: 400, error: 'BAD_REQUEST', message: 'Malformed HTTP request' };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode] ?? ''}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

/**
 * Build output names carrying a content hash (Taro/Vite: `js/app.1a2b3c4d.js`, `css/x.1a2b3c4d.css`),
 * also as the build's precompressed copies (`js/app.1a2b3c4d.js.br`, `.gz`).
 */
const HASHED_ASSET = /[.-][0-9a-f]{8,}\.[a-z0-9]+(?:\.(?:br|gz))?$/i;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache headers of the H5 client's files: hashed assets never change under their name, so they
 * are cached for a year; everything else (index.html above all) is revalidated on every use.
 */
export function setStaticCacheHeaders(res: SetHeadersResponse, path: string): void {
  res.setHeader('cache-control', HASHED_ASSET.test(basename(path)) ? IMMUTABLE : 'no-cache');
}

/**
 * Content types worth compressing: the H5 client's text assets and CSV downloads. API JSON stays
 * as it is (small, and the benchmarks measure it uncompressed); xlsx and PNG are compressed already.
 */
export const COMPRESSIBLE =
  /^(?:text\/(?:html|css|javascript|plain|csv)|application\/(?:javascript|manifest\+json)|image\/svg\+xml)(?:;|$)/;
