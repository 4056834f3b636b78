import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  OUTCOMES,
  TICKET_STATUSES,
  VISIT_METHODS,
  type Outcome,
  type TicketStatus,
  type VisitMethod,
} from '@haochaping/domain';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PaginationQuery } from '../../common/pagination.dto';
import {
  IsAttachmentIds,
  IsAttachmentKeys,
  IsLevel,
  IsMonth,
  IsQueryId,
  IsText,
} from '../../common/validators';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class TicketListQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES, { message: `status must be one of: ${TICKET_STATUSES.join(', ')}` })
  status?: TicketStatus;

  @ApiPropertyOptional({ type: 'integer' })
  @IsQueryId()
  departmentId?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsQueryId()
  windowId?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsQueryId()
  staffId?: number;

  @ApiPropertyOptional({ description: 'Open tickets past their due date' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    description:
      'Running tickets not yet overdue and due within two working days (the 预警 window of the ' +
      'overdue scan); false: every other ticket',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'nearDue must be true or false' })
  nearDue?: boolean;

  @ApiPropertyOptional({ enum: ['rating', 'complaint'] })
  @IsOptional()
  @IsIn(['rating', 'complaint'], { message: 'source must be rating or complaint' })
  source?: 'rating' | 'complaint';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsLevel()
  level?: number;

  @ApiPropertyOptional({
    example: '2026-11',
    description: 'Month the ticket was opened (China time)',
  })
  @IsOptional()
  @IsMonth()
  month?: string;

  @ApiPropertyOptional({
    example: 'ZG20261118',
    description: 'Ticket number, or its beginning (at least 4 characters)',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,32}$/, {
    message: 'ticketNo must be 4–32 letters, digits or dashes of a ticket number',
  })
  ticketNo?: string;

  @ApiPropertyOptional({
    enum: ['newest', 'oldest'],
    description: 'newest first (default), or oldest first (review queues)',
  })
  @IsOptional()
  @IsIn(['newest', 'oldest'], { message: 'order must be newest or oldest' })
  order?: 'newest' | 'oldest';
}

export class RecordVisitDto {
  @ApiProperty({ enum: VISIT_METHODS })
  @IsIn(VISIT_METHODS, { message: `method must be one of: ${VISIT_METHODS.join(', ')}` })
  method!: VisitMethod;

  @ApiProperty({ example: '2026-11-26T10:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'visitedAt must be an ISO 8601 date-time' })
  @MaxLength(40)
  visitedAt!: string;

  @ApiProperty({ example: '已电话联系，群众表示理解', maxLength: 500 })
  @IsText(2, 500)
  result!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SubmitResultDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES, { message: `outcome must be one of: ${OUTCOMES.join(', ')}` })
  outcome!: Outcome;

  @ApiProperty({ description: 'What the citizen will read', maxLength: 1000 })
  @IsString()
  @MinLength(5, { message: 'reply must be at least 5 characters' })
  @MaxLength(1000)
  reply!: string;

  @ApiPropertyOptional({ example: '2026-12-20', description: 'Required for outcome "scheduled"' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'promisedDate must be YYYY-MM-DD' })
  promisedDate?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision!: 'approve' | 'reject';

  @ApiProperty({ maxLength: 1000 })
  @IsText(1, 1000)
  note!: string;
}

export class AppealDto {
  @ApiProperty({ example: '该评价系误评：群众办理的是其他部门事项', maxLength: 2000 })
  @IsString()
  @MinLength(10, { message: 'reason must be at least 10 characters' })
  @MaxLength(2000)
  reason!: string;

  @IsAttachmentIds()
  attachmentIds?: number[];

  @IsAttachmentKeys()
  attachmentKeys?: string[];
}

export class AppealReviewDto {
  @ApiProperty({ enum: ['uphold', 'dismiss'] })
  @IsIn(['uphold', 'dismiss'], { message: 'decision must be uphold or dismiss' })
  decision!: 'uphold' | 'dismiss';

  @ApiProperty({ maxLength: 1000 })
  @IsText(1, 1000)
  note!: string;
}

export class AcceptanceDto {
  @ApiProperty()
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class UrgeDto {
  @ApiProperty({ example: '请于本周五前完成回访并提交整改结果', maxLength: 500 })
  @IsText(2, 500)
  note!: string;
}
