import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { RateLimit } from '../common/rate-limit.guard';
import { CitizensService } from './citizens.service';
import { WechatLoginDto } from './dto/wechat-login.dto';
import { ApiErrors } from '../common/api-docs';
import { WechatLoginResponse } from './dto/wechat-login.response';

@ApiTags('citizen')
@Controller('auth')
export class CitizensController {
  constructor(private readonly citizens: CitizensService) {}

  @Public()
  @RateLimit('wechat-login')
  @Post('wechat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mini-program login via code2Session; only adds "my ratings"' })
  @ApiOkResponse({ type: WechatLoginResponse })
  @ApiErrors(400, 401, 429, 502, 503)
  login(@Body() body: WechatLoginDto) {
    return this.citizens.loginWithWechat(body.code);
  }
}
