import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { SATISFACTION_DIRECTIONS, type SatisfactionDirection } from '@haochaping/domain';
import {
  ArrayMaxSize,
  IsIn,
  ValidateBy,
  ArrayUnique,
  IsArray,
  IsBoolean,
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

/** A `pf` code of the provincial platform's channel table. */
const PfCode = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 99 }),
    IsOmittable(),
    IsInt(),
    Min(1),
    Max(99),
  );

class ProvinceChannelCodesDto {
  @PfCode() window_qr?: number;
  @PfCode() miniapp?: number;
  @PfCode() tablet?: number;
  @PfCode() web?: number;
  @PfCode() sms?: number;
  @PfCode() hotline?: number;
  @PfCode() default?: number;
}

const TAG_CODE = /^[0-9A-Za-z]{1,8}$/;

/** `{ "5": { "热情周到": "501" } }`: levels "1"–"5", up to 12 tags each, codes of 1–8 letters/digits. */
function isTagCodes(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value as Record<string, unknown>).every(
    ([level, tags]) =>
      /^[1-5]$/.test(level) &&
      !!tags &&
      typeof tags === 'object' &&
      !Array.isArray(tags) &&
      Object.keys(tags).length <= 12 &&
      Object.entries(tags as Record<string, unknown>).every(
        ([tag, code]) =>
          tag.length >= 1 && tag.length <= 20 && typeof code === 'string' && TAG_CODE.test(code),
      ),
  );
}

class ProvincePushDto {
  @ApiPropertyOptional({
    enum: SATISFACTION_DIRECTIONS,
    description:
      "satisfaction codes: 'level' (1 非常不满意 … 5 非常满意, the gateways') or 'gbt' (GB/T 39046: 1 非常满意)",
  })
  @IsOmittable()
  @IsIn(SATISFACTION_DIRECTIONS, { message: 'satisfactionDirection must be level or gbt' })
  satisfactionDirection?: SatisfactionDirection;

  @ApiPropertyOptional({
    type: () => ProvinceChannelCodesDto,
    description:
      'pf code per channel (default 1 web, 2 miniapp, 3 window_qr, 4 tablet, 5 hotline, 6 sms, 7 default)',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ProvinceChannelCodesDto)
  channelCodes?: ProvinceChannelCodesDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    example: { '5': { 热情周到: '501' } },
    description:
      'Codes of option tags per level (evalDetail); a tag without one gets the level and its position (501, 502 …)',
  })
  @IsOmittable()
  @ValidateBy({
    name: 'isTagCodes',
    validator: {
      validate: isTagCodes,
      defaultMessage: () =>
        'tagCodes must map levels "1"–"5" to up to 12 {tag: code} pairs, codes of 1–8 letters or digits',
    },
  })
  tagCodes?: Record<string, Record<string, string>>;

  @ApiPropertyOptional({
    maxLength: 16,
    description: 'Prefixed to the transaction number (projectNo)',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9A-Za-z-]{0,16}$/, {
    message: 'projectNoPrefix must be up to 16 letters, digits or -',
  })
  projectNoPrefix?: string;
}

class DefaultRatingDto {
  @ApiPropertyOptional({ description: 'Record 默认评价 when a rating window ends unrated' })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [3, 4, 5],
    description: 'The level recorded (default 3 基本满意, as in Guangdong)',
  })
  @IsOmittable()
  @IsIn([3, 4, 5], { message: 'level must be 3, 4 or 5' })
  level?: 3 | 4 | 5;
}

class SmsInvitationDto {
  @ApiPropertyOptional({
    description: 'Send one SMS rating invitation to applicants who did not rate',
  })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 89,
    description: 'Days after the transaction finished (default 1); sent only while it can be rated',
  })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(89)
  afterDays?: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({
    type: () => DefaultRatingDto,
    description: '默认评价 (off by default): flagged, channel default, in no rate and no ticket',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => DefaultRatingDto)
  defaultRating?: DefaultRatingDto;

  @ApiPropertyOptional({
    type: () => SmsInvitationDto,
    description: 'SMS rating invitations (off by default; SMS_PROVIDER)',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SmsInvitationDto)
  smsInvitation?: SmsInvitationDto;

  @ApiPropertyOptional({
    example: '370102000000',
    description:
      '行政区划代码 of the centre (12 digits; "" to clear): areaCode of provincial pushes',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^(\d{12})?$/, { message: 'areaCode must be 12 digits (or empty)' })
  areaCode?: string;

  @ApiPropertyOptional({
    type: () => ProvincePushDto,
    description: 'How records are coded for the provincial platform',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ProvincePushDto)
  provincePush?: ProvincePushDto;

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
