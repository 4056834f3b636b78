import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import type { Principal } from '../auth/principal';

/** Who is acting in the current request, for the audit trail, without threading it through calls. */
export interface RequestContext {
  principal?: Principal;
  ip?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Runs each handler inside the request's context (after the guards have named the principal). */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const store: RequestContext = { principal: request.principal, ip: request.ip };
    return new Observable((subscriber) =>
      requestContext.run(store, () => next.handle().subscribe(subscriber)),
    );
  }
}
