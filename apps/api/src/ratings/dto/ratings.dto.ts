import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, MOBILE_PATTERN, RATING_LIMITS, type Channel } from '@haochaping/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const TOKEN = /^[0-9a-z]{1,8}\.[0-9a-z]{1,8}\.[A-Za-z0-9_-]{22}$/;
const TOKEN_MESSAGE = 'token must be the rating token from the QR code';
const PHONE_MESSAGE = 'contactPhone must be a mainland mobile number (11 digits)';

export class SubmitRatingDto {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  @Matches(TOKEN, { message: TOKEN_MESSAGE })
  token!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意' })
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number;

  @ApiPropertyOptional({ type: [String], maxItems: RATING_LIMITS.tagsMax })
  @IsOptional()
  @ArrayMaxSize(RATING_LIMITS.tagsMax)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ maxLength: RATING_LIMITS.commentMax })
  @IsOptional()
  @IsString()
  @MaxLength(RATING_LIMITS.commentMax)
  comment?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({
    example: '13812348000',
    description: 'Required for a real-name bad rating',
  })
  @IsOptional()
  @IsString()
  @Matches(MOBILE_PATTERN, { message: PHONE_MESSAGE })
  contactPhone?: string;

  @ApiPropertyOptional({ type: [Number], maxItems: RATING_LIMITS.attachmentsMax })
  @IsOptional()
  @ArrayMaxSize(RATING_LIMITS.attachmentsMax)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  attachmentIds?: number[];

  @ApiPropertyOptional({ enum: CHANNELS, default: 'window_qr' })
  @IsOptional()
  @IsIn(CHANNELS, { message: `channel must be one of: ${CHANNELS.join(', ')}` })
  channel?: Channel;
}

export class FollowUpDto {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  @Matches(TOKEN, { message: TOKEN_MESSAGE })
  token!: string;

  @ApiProperty({ maxLength: RATING_LIMITS.followUpMax })
  @IsString()
  @MinLength(1)
  @MaxLength(RATING_LIMITS.followUpMax)
  comment!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  level?: number;
}

export class ComplaintDto {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  @Matches(TOKEN, { message: TOKEN_MESSAGE })
  token!: string;

  @ApiProperty({ maxLength: RATING_LIMITS.complaintMax })
  @IsString()
  @MinLength(5, { message: 'content must be at least 5 characters' })
  @MaxLength(RATING_LIMITS.complaintMax)
  content!: string;

  @ApiPropertyOptional({ example: '13812348000' })
  @IsOptional()
  @IsString()
  @Matches(MOBILE_PATTERN, { message: PHONE_MESSAGE })
  contactPhone?: string;

  @ApiPropertyOptional({ type: [Number], maxItems: RATING_LIMITS.attachmentsMax })
  @IsOptional()
  @ArrayMaxSize(RATING_LIMITS.attachmentsMax)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  attachmentIds?: number[];
}
