import type { FastifyInstance, FastifyRequest } from 'fastify';
import { storage, type Store } from 'nestjs-pino/storage';
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

/**
 * A mark on an async context within the request's (or outside any): the same storage, so that
 * the application runs one AsyncLocalStorage (database/sqlite-transactions.ts marks the context
 * of a transaction). It keeps the request's context and logger visible through it.
 */
class Marked {
  constructor(
    readonly outer: unknown,
    readonly mark: symbol,
  ) {}

  get logger(): Logger | undefined {
    return this.outer instanceof RequestStore || this.outer instanceof Marked
      ? this.outer.logger
      : undefined;
  }
}

/** Runs `fn` in the current async context with `mark` on it. */
export function runMarked<T>(mark: symbol, fn: () => T): T {
  // nestjs-pino reads `logger` of what it finds, and falls back to its root logger when unset.
  return storage.run(new Marked(storage.getStore(), mark) as unknown as Store, fn);
}

/** Whether the current async context runs inside `runMarked(mark, …)`. */
export function isMarked(mark: symbol): boolean {
  for (let s: unknown = storage.getStore(); s instanceof Marked; s = s.outer) {
    if (s.mark === mark) return true;
  }
  return false;
}

export const requestContext = {
  /** The current request's context; undefined outside a request (jobs, start-up). */
  getStore(): RequestContext | undefined {
    let store: unknown = storage.getStore();
    while (store instanceof Marked) store = store.outer;
    return store instanceof RequestStore ? store : undefined;
  },
};
