import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@haochaping/domain';
import type { Principal } from './principal';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const API_KEY_ALLOWED = 'auth:apiKey';
export const CITIZEN_KEY = 'auth:citizen';

/** No credentials needed (health, login, the citizen's rating endpoints). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Only these staff roles may call. Without it any authenticated staff member may. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** An integrating system's `X-Api-Key` is accepted too. */
export const AllowApiKey = (): MethodDecorator & ClassDecorator =>
  SetMetadata(API_KEY_ALLOWED, true);

/** A citizen's bearer token (from WeChat login) is required: the "my ratings" endpoints. */
export const CitizenOnly = (): MethodDecorator & ClassDecorator => SetMetadata(CITIZEN_KEY, true);

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal,
);
