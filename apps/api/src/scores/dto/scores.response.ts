import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS } from '@haochaping/domain';
import { Bool, DateTime, Int, Nested, Num, Str } from '../../common/response-types';
import { ScoreWeightsResponse } from '../../settings/dto/settings.response';

const UNITS = ['department', 'window', 'staff'];
const RATE = { description: 'null when there is nothing to compute it from' };

export class LevelCountsResponse {
  @Int() '1'!: number;
  @Int() '2'!: number;
  @Int() '3'!: number;
  @Int() '4'!: number;
  @Int() '5'!: number;
}

export class TicketCountsResponse {
  @Int() total!: number;
  @Int() closed!: number;
  @Int() closedOnTime!: number;
  @Int() due!: number;
}

export class ScoreLinksResponse {
  @Str({ description: 'API path of the tickets behind the row' }) tickets!: string;
  @Str({ description: 'API path of the ratings behind the row' }) ratings!: string;
}

/** The six rates, the score and the rank: of a row of the rankings, or of a point of a trend. */
export class RatedResponse {
  @Num(RATE, true) goodRate!: number | null;
  @Num(RATE, true) badRate!: number | null;
  @Num(RATE, true) ratingRate!: number | null;
  @Num(RATE, true) rectificationRate!: number | null;
  @Num(RATE, true) onTimeRate!: number | null;
  @Num(RATE, true) visitRate!: number | null;
  @Num({}, true) score!: number | null;
  @Int({}, true) rank!: number | null;
}

export class ScoreRowResponse extends RatedResponse {
  @Int() id!: number;
  @Str() code!: string;
  @Str() name!: string;
  @Int({}, true) departmentId!: number | null;
  @Int() ratings!: number;
  @Nested(() => LevelCountsResponse) levels!: LevelCountsResponse;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(CHANNELS.map((c) => [c, { type: 'integer' }])),
    required: [...CHANNELS],
    description: 'Ratings per channel',
  })
  channels!: Record<string, number>;
  @Int() voided!: number;
  @Int() finished!: number;
  @Int() rated!: number;
  @Nested(() => TicketCountsResponse) tickets!: TicketCountsResponse;
  @Int() realNameBad!: number;
  @Int() realNameBadVisited!: number;
  @Int({
    description:
      'Default ratings (默认评价) of the transactions finished in the month: in no rate (ratingRate = rated by people ÷ finished, 主动评价率)',
  })
  defaultRated!: number;
  @Bool() insufficientSample!: boolean;
  @Bool({ description: 'Ranked last this month (ties included)' }) lastPlace!: boolean;
  @Bool({ description: 'Ranked last this month and the month before' })
  bottomTwoMonths!: boolean;
  @Nested(() => ScoreLinksResponse) links!: ScoreLinksResponse;
}

export class ScoreCorrectionResponse {
  @Int() id!: number;
  @Str({ example: '2026-12' }) recordedMonth!: string;
  @Str({ example: '2026-11' }) correctsMonth!: string;
  @Str() kind!: string;
  @Int() departmentId!: number;
  @Int() windowId!: number;
  @Int() staffId!: number;
  @Int({}, true) ratingId!: number | null;
  @Int({}, true) level!: number | null;
  @Str() note!: string;
  @DateTime() createdAt!: string;
}

export class ScoresResponse {
  @Str({ example: '2026-11' }) month!: string;
  @Str({ enum: UNITS }) by!: string;
  @Bool() frozen!: boolean;
  @ApiPropertyOptional({ type: 'string', format: 'date-time' }) frozenAt?: string;
  @Nested(() => ScoreWeightsResponse) weights!: ScoreWeightsResponse;
  @Int() minimumSample!: number;
  @Nested(() => ScoreRowResponse, { isArray: true }) rows!: ScoreRowResponse[];
  @ApiPropertyOptional({ type: () => ScoreCorrectionResponse, isArray: true })
  corrections?: ScoreCorrectionResponse[];
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Rows that match departmentId (all rows without it); only with a filter or a page',
  })
  total?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Only with a filter or a page' })
  page?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Only with a filter or a page' })
  pageSize?: number;
}

/** rank is null for the centre, which is not ranked against anything. */
export class TrendPointResponse extends RatedResponse {
  @Str({ example: '2026-11' }) month!: string;
  @Bool() frozen!: boolean;
  @Int() ratings!: number;
}

export class TrendResponse {
  @Str({ enum: [...UNITS, 'centre'] }) by!: string;
  @Int({ description: 'The unit; null for the centre' }, true) id!: number | null;
  @Nested(() => TrendPointResponse, { isArray: true }) months!: TrendPointResponse[];
}

export class RebuildResponse {
  @Int({ description: 'Rollup rows written' }) rows!: number;
}
