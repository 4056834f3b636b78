import { ApiProperty } from '@nestjs/swagger';

import { IsText } from '../../common/validators';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsText(1, 64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsText(1, 128)
  password!: string;
}
