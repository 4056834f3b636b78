import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, RATING_CHANNELS, RATING_LEVELS, TICKET_STATUSES } from '@haochaping/domain';
import { Bool, DateTime, Int, Nested, Str, StrArray } from '../../common/response-types';

const LEVELS = [...RATING_LEVELS];

export class TransactionSummaryResponse {
  @Str() transactionNo!: string;
  @Str() serviceItemName!: string;
  @Str() departmentName!: string;
  @Str() windowName!: string;
  @Str({ description: 'Surname and staff number only, e.g. 张（S1001）' }) staffName!: string;
  @DateTime() finishedAt!: string;
}

export class LevelOptionsResponse {
  @Int({ enum: LEVELS }) level!: number;
  @Str() label!: string;
  @StrArray() tags!: string[];
}

export class RatingOptionsResponse {
  @Int() version!: number;
  @Nested(() => LevelOptionsResponse, { isArray: true }) levels!: LevelOptionsResponse[];
}

export class RatingFormResponse {
  @Nested(() => TransactionSummaryResponse) transaction!: TransactionSummaryResponse;
  @Nested(() => RatingOptionsResponse) options!: RatingOptionsResponse;
  @Bool() rated!: boolean;
  @Bool({ description: 'A complaint about this transaction was filed already' })
  complained!: boolean;
  @ApiPropertyOptional({ type: 'integer', description: 'When rated' }) ratingId?: number;
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description: 'When rated: the instant of the rating',
  })
  ratedAt?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'When rated' })
  followUpUntil?: string;
  @ApiPropertyOptional({ type: 'boolean', description: 'When rated' }) followedUp?: boolean;
  @DateTime() expiresAt!: string;
}

export class RatingAnswerResponse {
  @Int() id!: number;
  @Int({ enum: LEVELS }) level!: number;
  @ApiPropertyOptional({ description: 'Levels 1–2: the rectification ticket opened' })
  ticketNo?: string;
}

export class FollowUpResponse {
  @Int() id!: number;
  @Int() ratingId!: number;
  @Str() comment!: string;
  @Int({ enum: LEVELS }, true) level!: number | null;
  @DateTime() createdAt!: string;
}

export class ComplaintAnswerResponse {
  @Int() id!: number;
  @Str() ticketNo!: string;
}

/** A rating behind a score row, as staff see it: never the rater. */
export class StaffRatingResponse {
  @Int() id!: number;
  @Str({}, true) transactionNo!: string | null;
  @Int({ enum: LEVELS }) level!: number;
  @StrArray() tags!: string[];
  @Str({ description: 'Phone and ID numbers masked' }, true) comment!: string | null;
  @Str({ enum: RATING_CHANNELS, description: '`default` for a default rating (默认评价)' })
  channel!: string;
  @Str({
    example: '窗口二维码',
    description: 'The channel as shown: 默认评价 for a default rating',
  })
  channelLabel!: string;
  @Bool({ description: 'A default rating recorded by the system: in no rate, no ticket' })
  isDefault!: boolean;
  @Bool() anonymous!: boolean;
  @Bool() voided!: boolean;
  @Int() departmentId!: number;
  @Int() windowId!: number;
  @Int() staffId!: number;
  @Str({ example: '2026-11' }) monthKey!: string;
  @DateTime() createdAt!: string;
}

export class MyTicketResponse {
  @Str() ticketNo!: string;
  @Str({ enum: TICKET_STATUSES }) status!: string;
  @Str({}, true) reply!: string | null;
  @DateTime({}, true) dueAt!: string | null;
  @Bool({ description: "null while awaiting the citizen's verdict" }, true)
  citizenAccepted!: boolean | null;
  @Bool({ description: 'The reply may still be refused (reopens the ticket, once)' })
  canRefuse!: boolean;
}

export class MyFollowUpResponse {
  @Str() comment!: string;
  @Int({ enum: LEVELS }, true) level!: number | null;
  @DateTime() createdAt!: string;
}

export class MyRatingResponse {
  @Int() id!: number;
  @Int({ enum: LEVELS }) level!: number;
  @StrArray() tags!: string[];
  @Str({}, true) comment!: string | null;
  @Bool() anonymous!: boolean;
  @Str({ enum: CHANNELS }) channel!: string;
  @DateTime() createdAt!: string;
  @Nested(() => TransactionSummaryResponse, { nullable: true })
  transaction!: TransactionSummaryResponse | null;
  @Nested(() => MyTicketResponse, { nullable: true }) ticket!: MyTicketResponse | null;
  @Nested(() => MyFollowUpResponse, { nullable: true }) followUp!: MyFollowUpResponse | null;
}
