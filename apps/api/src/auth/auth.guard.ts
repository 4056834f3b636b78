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
import { API_KEY_ALLOWED, PUBLIC_KEY, ROLES_KEY } from './decorators';
import type { Principal, StaffTokenPayload } from './principal';

type AuthedRequest = FastifyRequest & { principal?: Principal };

/** Global guard: every route needs credentials unless marked @Public(). */
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
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      if (!this.reflector.getAllAndOverride<boolean>(API_KEY_ALLOWED, targets)) {
        throw new DomainError('FORBIDDEN', 'API keys may only register transactions');
      }
      const key = await this.apiKeys.verify(apiKey);
      if (!key) throw new DomainError('UNAUTHORIZED', 'Unknown or disabled API key');
      request.principal = { kind: 'apiKey', apiKeyId: key.id, name: key.name };
      return true;
    }

    const principal = await this.staffFromBearer(request.headers.authorization);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Role "${principal.role}" may not do this; needs one of: ${roles.join(', ')}`,
      );
    }
    request.principal = principal;
    return true;
  }

  private async staffFromBearer(header: string | undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new DomainError('UNAUTHORIZED', 'Missing bearer token');
    let payload: StaffTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<StaffTokenPayload>(match[1]);
    } catch {
      throw new DomainError('UNAUTHORIZED', 'Invalid or expired token');
    }
    if (payload.typ !== 'staff') throw new DomainError('UNAUTHORIZED', 'Not a staff token');
    // Read the user each time so a disabled account or a changed role takes effect at once.
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || !user.enabled)
      throw new DomainError('UNAUTHORIZED', 'Account disabled or removed');
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
