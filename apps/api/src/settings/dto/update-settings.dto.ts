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

class LevelTagsDto {
  @IsOptional()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  '1'?: string[];
  @IsOptional()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  '2'?: string[];
  @IsOptional()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  '3'?: string[];
  @IsOptional()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  '4'?: string[];
  @IsOptional()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(20, { each: true })
  '5'?: string[];
}

class ScoreWeightsDto {
  @IsOptional() @IsInt() @Min(0) @Max(100) goodRate?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) ratingRate?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) rectificationRate?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) onTimeRate?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) visitRate?: number;
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
