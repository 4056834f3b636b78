import { ApiPropertyOptional } from '@nestjs/swagger';
import { Str } from '../../common/response-types';

export class HealthResponse {
  @Str({ enum: ['ok', 'error'] }) status!: string;
  @Str({ enum: ['up', 'down'] }) database!: string;
}

/** 503: the health fields together with the contract's error fields. */
export class HealthDownResponse extends HealthResponse {
  @ApiPropertyOptional({ type: 'integer', example: 503 }) statusCode?: number;
  @ApiPropertyOptional({ enum: ['DATABASE_UNAVAILABLE'] }) error?: string;
  @ApiPropertyOptional() message?: string;
}
