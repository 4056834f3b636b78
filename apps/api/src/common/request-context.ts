import type { FastifyInstance, FastifyRequest } from 'fastify';
import { storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';
import { requestBinding } from './logging';

/** Who is acting in the current request, for the audit trail, without threading it through calls. */
export interface RequestContext {
  principal?: Principal;
  ip?: string;
}

/**
 * The context of each request, from its first hook on, in nestjs-pino's async storage: one
 * AsyncLocalStorage for both the audit trail and the request's log lines (each one costs every
 * promise of the request a hook call). The principal is read from the request when asked for: the
 * guards name it later, before the handler runs. The logger Nest's Logger writes through in a
 * request is a child of the root naming the request, made only when a line is written.
 * (A Nest interceptor did this before; Nest wraps every interceptor call in rxjs and an
 * `AsyncResource.bind`, whose Node 20 implementation builds a deprecation wrapper each time.)
 */
class RequestStore implements RequestContext {
  private child: Logger | undefined;

  constructor(
    private readonly root: Logger,
    private readonly request: FastifyRequest & { principal?: Principal },
  ) {}

  /** What nestjs-pino's Logger reads from its storage (its `Store`'s one field it uses). */
  get logger(): Logger {
    this.child ??= this.root.child({ req: requestBinding(this.request) });
    return this.child;
  }

  get principal(): Principal | undefined {
    return this.request.principal;
  }

  get ip(): string {
    return this.request.ip;
  }
}

export function runRequestsInContext(fastify: FastifyInstance, root: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(new RequestStore(root, request), done);
  });
}

export const requestContext = {
  /** The current request's context; undefined outside a request (jobs, start-up). */
  getStore(): RequestContext | undefined {
    const store: unknown = storage.getStore();
    return store instanceof RequestStore ? store : undefined;
  },
};
