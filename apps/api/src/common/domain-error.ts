import { type ErrorCode } from '@haochaping/domain';

/**
 * The one error type services throw. The exception filter maps `code` to its HTTP status, so
 * services never think about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string[]>,
    /** Seconds the client should wait before trying again (Retry-After on 429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** A refusal the client may retry after a while: 429 RATE_LIMITED / LOGIN_LOCKED, 503. */
export const retryLater = (
  code: ErrorCode,
  message: string,
  retryAfterSeconds: number,
): DomainError =>
  new DomainError(code, message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));

export const notFound = (what: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} not found`);

export const invalidField = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { [field]: [message] });
