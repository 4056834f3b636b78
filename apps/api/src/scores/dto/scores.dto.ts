import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UNITS = ['department', 'window', 'staff'] as const;

export class ScoresQuery {
  @ApiProperty({ example: '2026-11' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ enum: UNITS, default: 'department' })
  @IsOptional()
  @IsIn(UNITS, { message: 'by must be department, window or staff' })
  by: (typeof UNITS)[number] = 'department';
}

export class TrendQuery {
  @ApiProperty({ enum: UNITS })
  @IsIn(UNITS, { message: 'unit must be department, window or staff' })
  unit!: (typeof UNITS)[number];

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id!: number;

  @ApiPropertyOptional({ default: 12, minimum: 1, maximum: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months = 12;
}

export class ExportQuery {
  @ApiProperty({ example: '2026-11' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: 'format must be xlsx or csv' })
  format: 'xlsx' | 'csv' = 'xlsx';
}

export const isMonth = (value: string): boolean => MONTH.test(value);
