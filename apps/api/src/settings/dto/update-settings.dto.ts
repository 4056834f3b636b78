import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** The option tags of one level: up to 12 distinct tags of 1–20 characters. */
const TagList = () =>
  applyDecorators(
    IsOptional(),
    ArrayMaxSize(12),
    ArrayUnique(),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(20, { each: true }),
  );

class LevelTagsDto {
  @TagList() '1'?: string[];
  @TagList() '2'?: string[];
  @TagList() '3'?: string[];
  @TagList() '4'?: string[];
  @TagList() '5'?: string[];
}

const Weight = () => applyDecorators(IsOptional(), IsInt(), Min(0), Max(100));

class ScoreWeightsDto {
  @Weight() goodRate?: number;
  @Weight() ratingRate?: number;
  @Weight() rectificationRate?: number;
  @Weight() onTimeRate?: number;
  @Weight() visitRate?: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumSample?: number;

  @ApiPropertyOptional({ description: 'Composite score weights (0–100 each; proportions matter)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoreWeightsDto)
  scoreWeights?: ScoreWeightsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  ratingWindowDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 180, default: 15 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(180)
  followUpDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 15 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  ticketDueWorkingDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  firstContactWorkingDays?: number;

  @ApiPropertyOptional({
    description: 'Option tags per level ("1"…"5"); a change creates a new version',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LevelTagsDto)
  levelTags?: LevelTagsDto;
}
