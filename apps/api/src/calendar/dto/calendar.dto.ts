import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsText } from '../../common/validators';

export class SetCalendarDayDto {
  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'], { message: 'type must be holiday or workday' })
  type!: 'holiday' | 'workday';

  @ApiProperty({ example: '春节', maxLength: 50 })
  @IsText(1, 50)
  name!: string;
}
