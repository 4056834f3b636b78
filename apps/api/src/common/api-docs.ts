import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '@haochaping/domain';

/*
 * OpenAPI documentation helpers: the server is the single source of the response contract
 * (the mini-program's types are generated from it, see scripts/openapi.js). Decorators only:
 * nothing here changes what an endpoint answers.
 */

/** The contract's error body, `{statusCode, error, message, details?}` (see http-exception.filter.ts). */
export class ErrorBody {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode!: number;

  @ApiProperty({
    enum: Object.keys(ERROR_STATUS),
    enumName: 'ErrorCode',
    description: 'Stable error code; clients switch on it',
  })
  error!: ErrorCode;

  @ApiProperty({ description: 'For developers; clients show their own text per code' })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'VALIDATION_FAILED: messages per field',
    example: { level: ['level must be 1 to 5'] },
  })
  details?: Record<string, string[]>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED (with details) or BAD_REQUEST',
  401: 'UNAUTHORIZED: missing, invalid or expired credentials',
  403: 'FORBIDDEN: the caller may not do this',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'A conflict with the current state (see the error code)',
  410: 'TOKEN_EXPIRED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'IDEMPOTENCY_KEY_REUSED: the key was used for a different request',
  429: 'RATE_LIMITED or LOGIN_LOCKED, with Retry-After (seconds)',
  502: 'BAD_GATEWAY: an upstream service failed',
  503: 'DATABASE_UNAVAILABLE (with Retry-After: the database is unreachable or busy) or SERVICE_UNAVAILABLE',
};

/** Documents the error statuses an operation can answer with, each with the ErrorBody schema. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        // Explicit media type: errors are JSON even where the success body is a file.
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
      }),
    ),
    ApiExtraModels(ErrorBody),
  );
}

/** Paging fields of every list answer; the items are added per endpoint by ApiPageResponse. */
export class PageMeta {
  @ApiProperty({ type: 'integer', minimum: 0 })
  total!: number;

  @ApiProperty({ type: 'integer', minimum: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', minimum: 1 })
  pageSize!: number;
}

/** 200 with `{items: T[], total, page, pageSize}`. */
export function ApiPageResponse(model: Type<unknown>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(PageMeta, model),
    ApiOkResponse({
      description: 'One page of the list',
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMeta) },
          {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: getSchemaPath(model) } } },
          },
        ],
      },
    }),
  );
}

/** 200 with a file or image body in one of these media types. */
export function ApiBinaryResponse(
  description: string,
  ...mediaTypes: string[]
): MethodDecorator & ClassDecorator {
  const schema = { type: 'string' as const, format: 'binary' };
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiOkResponse({
      description,
      content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
    }),
  );
}
