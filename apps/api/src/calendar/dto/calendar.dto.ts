import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, Matches, ValidateNested } from 'class-validator';
import { IsText } from '../../common/validators';

export class SetCalendarDayDto {
  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'], { message: 'type must be holiday or workday' })
  type!: 'holiday' | 'workday';

  @ApiProperty({ example: '春节', maxLength: 50 })
  @IsText(1, 50)
  name!: string;
}

export class NoticeDayDto {
  @ApiProperty({ example: '2027-02-06', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'date must be a calendar date YYYY-MM-DD',
  })
  date!: string;

  @ApiProperty({ example: '春节', maxLength: 50 })
  @IsText(1, 50)
  name!: string;
}

/** A year's official holiday notice, as an administrator copies it from the State Council. */
export class SetYearNoticeDto {
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知', maxLength: 100 })
  @IsText(1, 100)
  title!: string;

  @ApiProperty({ type: [NoticeDayDto], description: 'every day off of the holiday periods' })
  @IsArray()
  @ArrayMaxSize(80)
  @ValidateNested({ each: true })
  @Type(() => NoticeDayDto)
  holidays!: NoticeDayDto[];

  @ApiProperty({ type: [NoticeDayDto], description: 'weekend days made working days (调休)' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => NoticeDayDto)
  workdays!: NoticeDayDto[];
}
