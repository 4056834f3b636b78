import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, type LoginResult } from './auth.service';
import { Public } from './decorators';
import { LoginDto } from './dto/login.dto';
import { ApiErrors } from '../common/api-docs';
import { LoginResponse } from './dto/login.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Staff login: returns a bearer access token',
    description:
      'Failures slow down by (username, address) and by address: 429 LOGIN_LOCKED or ' +
      'RATE_LIMITED with Retry-After; unknown and known usernames are answered alike.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, request.ip);
  }
}
