import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICANT_TYPES, MOBILE_PATTERN, type ApplicantType } from '@haochaping/domain';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const CODE = /^[A-Za-z0-9_.-]+$/;

export class RegisterTransactionDto {
  @ApiProperty({ example: '20261126-A01-000123', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(CODE, {
    message: 'transactionNo may contain letters, digits, dot, dash and underscore only',
  })
  transactionNo!: string;

  @ApiProperty({ example: 'SCJG-XK-001' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  serviceItemCode!: string;

  @ApiProperty({ example: 'A01' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  windowCode!: string;

  @ApiProperty({ example: 'S1001' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  staffNo!: string;

  @ApiProperty({ example: '2026-11-26T09:30:00+08:00', description: 'ISO 8601 with offset' })
  @IsISO8601({ strict: true }, { message: 'finishedAt must be an ISO 8601 date-time' })
  @MaxLength(40)
  finishedAt!: string;

  @ApiPropertyOptional({ enum: APPLICANT_TYPES, default: 'person' })
  @IsOptional()
  @IsIn(APPLICANT_TYPES, { message: `applicantType must be one of: ${APPLICANT_TYPES.join(', ')}` })
  applicantType?: ApplicantType;

  @ApiPropertyOptional({ example: '13812348000' })
  @IsOptional()
  @IsString()
  @Matches(MOBILE_PATTERN, {
    message: 'applicantPhone must be a mainland mobile number (11 digits)',
  })
  applicantPhone?: string;
}
