import { applyDecorators } from '@nestjs/common';
import {
  MOBILE_PATTERN,
  PASSWORD_PROBLEM_MESSAGES,
  passwordProblem,
  RATING_LIMITS,
} from '@haochaping/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';

/*
 * The field rules the DTOs share, each written once: an id, an organisation code, a bounded
 * text, a rating token, a mobile number, a month, a list of attachment ids.
 */

export const MAX_ID = 2_147_483_647;

/**
 * A field that may be left out but, when present, must be valid: unlike IsOptional(), null is
 * refused (400), not passed on to a NOT NULL column or a setting.
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A database id: a whole number within INT range. */
export const IsId = () => applyDecorators(IsInt(), Min(1), Max(MAX_ID));

/** A rating level, 1 (非常不满意) to 5 (非常满意). */
export const IsLevel = () => applyDecorators(IsInt(), Min(1), Max(5));

/** An optional id filter in a query string. */
export const IsQueryId = () =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsId(),
  );

/** Organisation codes: letters, digits, dot, dash, underscore; 1..max characters. */
export const IsCode = (max: number) =>
  applyDecorators(
    IsString(),
    MinLength(1),
    MaxLength(max),
    Matches(/^[A-Za-z0-9_.-]+$/, {
      message: '$property may contain letters, digits, dot, dash and underscore only',
    }),
  );

/** A string of min..max characters. */
export const IsText = (min: number, max: number) =>
  applyDecorators(IsString(), MinLength(min), MaxLength(max));

/** The rating token of a QR code: `<id>.<expiry>.<signature>`. */
export const IsRatingToken = () =>
  applyDecorators(
    IsString(),
    MaxLength(64),
    Matches(/^[0-9a-z]{1,8}\.[0-9a-z]{1,8}\.[A-Za-z0-9_-]{22}$/, {
      message: 'token must be the rating token from the QR code',
    }),
  );

/** A mainland China mobile number. */
export const IsMobile = () =>
  applyDecorators(
    IsString(),
    Matches(MOBILE_PATTERN, { message: '$property must be a mainland mobile number (11 digits)' }),
  );

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM'. */
export const IsMonth = () => Matches(MONTH, { message: 'month must be YYYY-MM' });
export const isMonth = (value: string): boolean => MONTH.test(value);

/** Optional ids of uploaded photos: at most six, no repeats (validation and OpenAPI). */
export const IsAttachmentIds = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [Number], maxItems: RATING_LIMITS.attachmentsMax }),
    IsOptional(),
    ArrayMaxSize(RATING_LIMITS.attachmentsMax),
    ArrayUnique(),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(MAX_ID, { each: true }),
  );

/** The keys of those uploads, same order: what POST /api/attachments answered as `key`. */
export const IsAttachmentKeys = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: RATING_LIMITS.attachmentsMax,
      description:
        'The key each upload answered, in the order of attachmentIds (required with them)',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(RATING_LIMITS.attachmentsMax),
    IsString({ each: true }),
    Matches(/^[A-Za-z0-9_-]{16,64}$/, {
      each: true,
      message: 'each attachment key is the key its upload answered',
    }),
  );

/**
 * A staff password the rule of libs/domain/src/passwords.ts accepts: long enough, two kinds of
 * characters, not trivial, not common, not the username of the same body. The detail says why.
 */
export const IsAcceptablePassword = () =>
  applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          typeof value === 'string' && passwordProblem(value, usernameOf(args?.object)) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const problem =
            typeof args?.value === 'string'
              ? passwordProblem(args.value, usernameOf(args.object))
              : 'too_short';
          return PASSWORD_PROBLEM_MESSAGES[problem ?? 'too_short'];
        },
      },
    }),
  );

function usernameOf(object: object | undefined): string {
  const username = (object as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username : '';
}
