import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsId, IsMonth } from '../../common/validators';

const UNITS = ['department', 'window', 'staff'] as const;

export class ScoresQuery {
  @ApiProperty({ example: '2026-11' })
  @IsMonth()
  month!: string;

  @ApiPropertyOptional({ enum: UNITS, default: 'department' })
  @IsOptional()
  @IsIn(UNITS, { message: 'by must be department, window or staff' })
  by: (typeof UNITS)[number] = 'department';
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
