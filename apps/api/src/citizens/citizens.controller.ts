import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { RateLimit } from '../common/rate-limit.guard';
import { CitizensService } from './citizens.service';
import { WechatLoginDto } from './dto/wechat-login.dto';
import { WechatLoginResponse } from './dto/wechat-login.response';
import { ActionRoute } from '../common/routes';

@ApiTags('citizen')
@Controller('auth')
export class CitizensController {
  constructor(private readonly citizens: CitizensService) {}

  @Public()
  @RateLimit('wechat-login')
  @ActionRoute('wechat', WechatLoginResponse, 400, 401, 429, 502, 503)
  @ApiOperation({ summary: 'Mini-program login via code2Session; only adds "my ratings"' })
  login(@Body() body: WechatLoginDto) {
    return this.citizens.loginWithWechat(body.code);
  }
}
