import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/validators';

/*
 * Every field may be left out, none may be null: null is not a value of any setting (it used to
 * reach NOT NULL columns, or to be stored as a weight or a tag list).
 */

/** The option tags of one level: up to 12 distinct tags of 1–20 characters. */
const TagList = () =>
  applyDecorators(
    IsOmittable(),
    IsArray(),
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

const Weight = () => applyDecorators(IsOmittable(), IsInt(), Min(0), Max(100));

class ScoreWeightsDto {
  @Weight() goodRate?: number;
  @Weight() ratingRate?: number;
  @Weight() rectificationRate?: number;
  @Weight() onTimeRate?: number;
  @Weight() visitRate?: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 10 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumSample?: number;

  @ApiPropertyOptional({ description: 'Composite score weights (0–100 each; proportions matter)' })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ScoreWeightsDto)
  scoreWeights?: ScoreWeightsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 7 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(90)
  ratingWindowDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 180, default: 15 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(180)
  followUpDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 15 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  ticketDueWorkingDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 1 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10)
  firstContactWorkingDays?: number;

  @ApiPropertyOptional({
    description: 'Option tags per level ("1"…"5"); a change creates a new version',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => LevelTagsDto)
  levelTags?: LevelTagsDto;
}
