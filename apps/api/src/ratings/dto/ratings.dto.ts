import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, RATING_LIMITS, type Channel } from '@haochaping/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  IsAttachmentIds,
  IsAttachmentKeys,
  IsLevel,
  IsMobile,
  IsRatingToken,
} from '../../common/validators';

export class SubmitRatingDto {
  @ApiProperty()
  @IsRatingToken()
  token!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '5 非常满意 … 1 非常不满意' })
  @IsLevel()
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
  @IsMobile()
  contactPhone?: string;

  @IsAttachmentIds()
  attachmentIds?: number[];

  @IsAttachmentKeys()
  attachmentKeys?: string[];

  @ApiPropertyOptional({ enum: CHANNELS, default: 'window_qr' })
  @IsOptional()
  @IsIn(CHANNELS, { message: `channel must be one of: ${CHANNELS.join(', ')}` })
  channel?: Channel;
}

export class FollowUpDto {
  @ApiProperty()
  @IsRatingToken()
  token!: string;

  @ApiProperty({ maxLength: RATING_LIMITS.followUpMax })
  @IsString()
  @MinLength(1)
  @MaxLength(RATING_LIMITS.followUpMax)
  comment!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsLevel()
  level?: number;
}

export class ComplaintDto {
  @ApiProperty()
  @IsRatingToken()
  token!: string;

  @ApiProperty({ maxLength: RATING_LIMITS.complaintMax })
  @IsString()
  @MinLength(5, { message: 'content must be at least 5 characters' })
  @MaxLength(RATING_LIMITS.complaintMax)
  content!: string;

  @ApiPropertyOptional({ example: '13812348000' })
  @IsOptional()
  @IsMobile()
  contactPhone?: string;

  @IsAttachmentIds()
  attachmentIds?: number[];

  @IsAttachmentKeys()
  attachmentKeys?: string[];
}
