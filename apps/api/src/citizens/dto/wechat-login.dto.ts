import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class WechatLoginDto {
  @ApiProperty({ description: 'The code from wx.login / Taro.login' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, { message: 'code must be the login code from wx.login' })
  code!: string;
}
