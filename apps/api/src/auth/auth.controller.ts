import { Body, Controller, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, type LoginResult } from './auth.service';
import { Public } from './decorators';
import { LoginDto } from './dto/login.dto';
import { LoginResponse } from './dto/login.response';
import { ActionRoute } from '../common/routes';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @ActionRoute('login', LoginResponse, 400, 401, 429)
  @ApiOperation({
    summary: 'Staff login: returns a bearer access token',
    description:
      'Failures slow down by (username, address) and by address: 429 LOGIN_LOCKED or ' +
      'RATE_LIMITED with Retry-After; unknown and known usernames are answered alike.',
  })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, request.ip);
  }
}
