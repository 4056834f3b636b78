import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE, SORT_KEYS, type SortKey } from '@haochaping/domain';
import { IsId, IsMonth, IsQueryId } from '../../common/validators';

const UNITS = ['department', 'window', 'staff'] as const;

export class ScoresQuery {
  @ApiProperty({ example: '2026-11' })
  @IsMonth()
  month!: string;

  @ApiPropertyOptional({ enum: UNITS, default: 'department' })
  @IsOptional()
  @IsIn(UNITS, { message: 'by must be department, window or staff' })
  by: (typeof UNITS)[number] = 'department';

  @ApiPropertyOptional({
    type: 'integer',
    description:
      "Only this department's rows: its windows (by=window), its staff (by=staff), itself " +
      '(by=department). Ranks stay those of the whole centre; corrections are its own. ' +
      'With a filter, a page or an order the answer is one page (best rank first unless sort ' +
      'says otherwise) and adds total, page and pageSize.',
  })
  @IsQueryId()
  departmentId?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description:
      'A page of the rows (without departmentId, page, pageSize, sort and order: every row, by id)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    description: 'Rows per page when paging (default 20)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({
    enum: SORT_KEYS,
    description:
      "Rows in the order of this column (the workspace table's sort; rows without a value last); " +
      'default: rank, best first',
  })
  @IsOptional()
  @IsIn(SORT_KEYS, { message: `sort must be one of ${SORT_KEYS.join(', ')}` })
  sort?: SortKey;

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description:
      'With sort; default: best first (rank, name and badRate ascending, others descending)',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

/** A trend is drawn for one unit, or for the whole centre (all departments summed). */
export const TREND_UNITS = [...UNITS, 'centre'] as const;
export type TrendUnit = (typeof TREND_UNITS)[number];

export class TrendQuery {
  @ApiProperty({ enum: TREND_UNITS })
  @IsIn(TREND_UNITS, { message: 'unit must be department, window, staff or centre' })
  unit!: TrendUnit;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The unit: required for department, window and staff; left out for centre',
  })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  id?: number;

  @ApiPropertyOptional({ type: 'integer', default: 12, minimum: 1, maximum: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months = 12;
}

export class ExportQuery {
  @ApiProperty({ example: '2026-11' })
  @IsMonth()
  month!: string;

  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: 'format must be xlsx or csv' })
  format: 'xlsx' | 'csv' = 'xlsx';
}
