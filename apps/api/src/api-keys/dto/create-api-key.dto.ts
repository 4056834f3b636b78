import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: '一窗受理系统', description: 'Which integrating system uses the key' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}
