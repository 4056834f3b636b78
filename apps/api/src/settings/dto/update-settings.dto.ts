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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/validators';
import { TEMPLATE_FIELD_NAME } from '../settings.types';

/*
 * Every field may be left out, none may be null: null is not a value of any setting (it used to
 * reach NOT NULL columns, or to be stored as a weight or a tag list).
 */

/** The option tags of one level: up to 12 distinct tags of 1–20 characters. */
const TagList = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: 12, uniqueItems: true }),
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

const Weight = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 }),
    IsOmittable(),
    IsInt(),
    Min(0),
    Max(100),
  );

class ScoreWeightsDto {
  @Weight() goodRate?: number;
  @Weight() ratingRate?: number;
  @Weight() rectificationRate?: number;
  @Weight() onTimeRate?: number;
  @Weight() visitRate?: number;
}

/** A template keyword name (thing3, time4, …) or '' to leave that value out. */
const FieldName = () =>
  applyDecorators(
    IsOmittable(),
    IsString(),
    MaxLength(24),
    Matches(new RegExp(`(^$)|${TEMPLATE_FIELD_NAME.source}`), {
      message: '$property must be a template keyword such as thing3 or time4 (or empty)',
    }),
  );

class SubscribeTemplateFieldsDto {
  @FieldName() ticketNo?: string;
  @FieldName() status?: string;
  @FieldName() content?: string;
  @FieldName() time?: string;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, description: 'Default 10' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumSample?: number;

  @ApiPropertyOptional({
    type: () => ScoreWeightsDto,
    description: 'Composite score weights (0–100 each; proportions matter)',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ScoreWeightsDto)
  scoreWeights?: ScoreWeightsDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 90, description: 'Default 7' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(90)
  ratingWindowDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 180, description: 'Default 15' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(180)
  followUpDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 60, description: 'Default 15' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(60)
  ticketDueWorkingDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, description: 'Default 1' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10)
  firstContactWorkingDays?: number;

  @ApiPropertyOptional({
    type: () => LevelTagsDto,
    description: 'Option tags per level ("1"…"5"); a change creates a new version',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => LevelTagsDto)
  levelTags?: LevelTagsDto;

  @ApiPropertyOptional({
    description:
      'Keyword names of the WeChat ticket-progress template: ticketNo, status, content, time ' +
      '(e.g. character_string1, phrase2, thing3, time4; "" leaves one out)',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SubscribeTemplateFieldsDto)
  subscribeTemplateFields?: SubscribeTemplateFieldsDto;
}
