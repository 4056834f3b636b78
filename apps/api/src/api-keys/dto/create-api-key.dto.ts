import { ApiProperty } from '@nestjs/swagger';

import { IsText } from '../../common/validators';

export class CreateApiKeyDto {
  @ApiProperty({ example: '一窗受理系统', description: 'Which integrating system uses the key' })
  @IsText(1, 100)
  name!: string;
}
