import { ApiProperty } from '@nestjs/swagger';
import { DateTime, Int, Str } from '../../common/response-types';

export class AuditEntryResponse {
  @Int() id!: number;
  @Str({ example: 'staff' }) actorType!: string;
  @Int({}, true) actorId!: number | null;
  @Str({}, true) actorName!: string | null;
  @Str({ example: 'ticket.review' }) action!: string;
  @Str({ example: 'ticket' }) entity!: string;
  @Str() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after!: Record<string, unknown> | null;
  @Str({}, true) ip!: string | null;
  @DateTime() createdAt!: string;
}
