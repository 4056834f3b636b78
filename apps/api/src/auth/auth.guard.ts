import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Role } from '@haochaping/domain';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { DomainError } from '../common/domain-error';
import { User } from '../users/entities/user.entity';
import { API_KEY_ALLOWED, CITIZEN_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators';
import type { CitizenTokenPayload, Principal, StaffTokenPayload } from './principal';

type AuthedRequest = FastifyRequest & { principal?: Principal };
type TokenPayload = StaffTokenPayload | CitizenTokenPayload;

/**
 * Global guard: every route needs staff credentials unless marked @Public() (a citizen's token,
 * if sent, is still attached there) or @CitizenOnly().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly apiKeys: ApiKeysService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const meta = <T>(key: string) => this.reflector.getAllAndOverride<T>(key, targets);

    if (meta<boolean>(PUBLIC_KEY)) {
      // Most public requests (a citizen rating from a browser) carry no token: no error built
      // and thrown away for them (its stack trace cost ~1.4 % of a rating's CPU).
      if (!request.headers.authorization) return true;
      const payload = await this.payload(request.headers.authorization).catch(() => null);
      if (payload?.typ === 'citizen')
        request.principal = { kind: 'citizen', citizenId: payload.sub };
      return true;
    }
    if (meta<boolean>(CITIZEN_KEY)) {
      const payload = await this.payload(request.headers.authorization);
      if (payload.typ !== 'citizen')
        throw new DomainError('UNAUTHORIZED', 'Sign in with WeChat first');
      request.principal = { kind: 'citizen', citizenId: payload.sub };
      return true;
    }

    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      if (!meta<boolean>(API_KEY_ALLOWED)) {
        throw new DomainError('FORBIDDEN', 'API keys may only register transactions');
      }
      const key = await this.apiKeys.verify(apiKey);
      if (!key) throw new DomainError('UNAUTHORIZED', 'Unknown or disabled API key');
      request.principal = { kind: 'apiKey', apiKeyId: key.id, name: key.name };
      return true;
    }

    const payload = await this.payload(request.headers.authorization);
    if (payload.typ !== 'staff') throw new DomainError('UNAUTHORIZED', 'Not a staff token');
    const principal = await this.staff(payload);
    const roles = meta<Role[] | undefined>(ROLES_KEY);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Role "${principal.role}" may not do this; needs one of: ${roles.join(', ')}`,
      );
    }
    request.principal = principal;
    return true;
  }

  private async payload(header: string | undefined): Promise<TokenPayload> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new DomainError('UNAUTHORIZED', 'Missing bearer token');
    try {
      return await this.jwt.verifyAsync<TokenPayload>(match[1]);
    } catch {
      throw new DomainError('UNAUTHORIZED', 'Invalid or expired token');
    }
  }

  private async staff(payload: StaffTokenPayload) {
    // Read the user each time so a disabled account or a changed role takes effect at once.
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || !user.enabled)
      throw new DomainError('UNAUTHORIZED', 'Account disabled or removed');
    // A token from before the last password change is over (tokens of old builds carry none).
    if ((payload.ver ?? 0) !== user.tokenVersion)
      throw new DomainError('UNAUTHORIZED', 'The password has changed since this token was issued');
    return {
      kind: 'staff' as const,
      userId: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
      windowId: user.windowId,
    };
  }
}
