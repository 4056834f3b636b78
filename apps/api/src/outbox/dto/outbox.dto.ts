import { ApiPropertyOptional } from '@nestjs/swagger';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES, type OutboxStatus } from '@haochaping/domain';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';

export class OutboxListQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `status must be one of: ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus;

  @ApiPropertyOptional({ enum: OUTBOX_CHANNELS })
  @IsOptional()
  @IsIn(OUTBOX_CHANNELS, { message: `channel must be one of: ${OUTBOX_CHANNELS.join(', ')}` })
  channel?: string;
}
