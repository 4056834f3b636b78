import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICANT_TYPES, type ApplicantType } from '@haochaping/domain';
import { IsIn, IsISO8601, IsOptional, MaxLength } from 'class-validator';
import { IsCode, IsMobile, IsText } from '../../common/validators';

export class RegisterTransactionDto {
  @ApiProperty({ example: '20261126-A01-000123', maxLength: 64 })
  @IsCode(64)
  transactionNo!: string;

  @ApiProperty({ example: 'SCJG-XK-001' })
  @IsText(1, 64)
  serviceItemCode!: string;

  @ApiProperty({ example: 'A01' })
  @IsText(1, 32)
  windowCode!: string;

  @ApiProperty({ example: 'S1001' })
  @IsText(1, 32)
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
  @IsMobile()
  applicantPhone?: string;
}
