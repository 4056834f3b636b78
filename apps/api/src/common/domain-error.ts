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
  ) {
    super(message);
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} not found`);

export const invalidField = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { [field]: [message] });
