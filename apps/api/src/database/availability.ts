import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Connection as RawConnection } from 'mysql2';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseUnavailableError, isConnectionFailure } from './errors';
import { DATABASE_LIMITS } from './limits';

type Callback = (error: Error | null, connection?: PooledConnection) => void;

/** The parts of mysql2's callback pool and pooled connection this file touches. */
interface PooledConnection {
  query(...args: unknown[]): unknown;
  release(): void;
  destroy(): void;
  [PATCHED]?: true;
}
interface CallbackPool {
  getConnection(callback: Callback): void;
}
const PATCHED = Symbol('hcp.patched');

/**
 * The database's availability as this instance sees it (a circuit breaker, MySQL/MariaDB only):
 * up until a connection-class failure (refused, reset, timed out) is confirmed by a probe on a
 * fresh connection; then down, and every request that needs a connection is answered 503
 * DATABASE_UNAVAILABLE at once instead of queuing; a probe every second brings it back up, with
 * no restart. SQLite lives in the process and has no such state.
 */
@Injectable()
export class DatabaseAvailability implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private down = false;
  private downSince = 0;
  private probing: Promise<boolean> | null = null;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Installed after boot, so migrations at start-up run without the per-statement limit. */
  onApplicationBootstrap(): void {
    const pool = this.pool();
    if (pool) this.guard(pool);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** False while the server is known to be unreachable. */
  get isUp(): boolean {
    return !this.down;
  }

  /** A connection-class failure was seen: confirm it on a fresh connection before going down. */
  suspect(error: unknown): void {
    if (this.down || this.closed || this.config.database.kind === 'sqlite') return;
    if (!this.probing) {
      this.logger.warn(`database suspect: ${describe(error)}`);
      void this.probe().then((ok) => {
        if (!ok) this.markDown();
      });
    }
  }

  /** One round trip on a connection of its own, never waiting longer than connect + query limits. */
  probe(): Promise<boolean> {
    if (this.config.database.kind === 'sqlite') return Promise.resolve(true);
    const url = this.config.database.url;
    // mysql2 is loaded when first needed: an instance on SQLite never loads it (start-up,
    // docs/benchmarks.md, change 17).
    this.probing ??= import('mysql2')
      .then(
        ({ createConnection }) =>
          new Promise<boolean>((resolve) => {
            let conn: RawConnection | undefined;
            const finish = (ok: boolean) => {
              clearTimeout(deadline);
              conn?.destroy();
              resolve(ok);
            };
            const deadline = setTimeout(
              () => finish(false),
              DATABASE_LIMITS.connectMs + DATABASE_LIMITS.queryMs,
            );
            try {
              conn = createConnection({ uri: url, connectTimeout: DATABASE_LIMITS.connectMs });
              conn.on('error', () => finish(false));
              conn.query({ sql: 'SELECT 1', timeout: DATABASE_LIMITS.queryMs }, (error) =>
                finish(!error),
              );
            } catch {
              finish(false);
            }
          }),
      )
      .catch(() => false)
      .finally(() => {
        this.probing = null;
      });
    return this.probing;
  }

  private markDown(): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.downSince = Date.now();
    this.logger.error('database unreachable: answering 503 DATABASE_UNAVAILABLE until it is back');
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.probe().then((ok) => {
        if (ok) {
          this.down = false;
          this.logger.log(`database reachable again after ${Date.now() - this.downSince} ms`);
        } else {
          this.scheduleProbe();
        }
      });
    }, DATABASE_LIMITS.probeEveryMs);
    this.timer.unref();
  }

  private pool(): CallbackPool | undefined {
    if (this.config.database.kind === 'sqlite' || !this.dataSource.isInitialized) return undefined;
    return (this.dataSource.driver as unknown as { pool?: CallbackPool }).pool;
  }

  /**
   * Wraps the pool TypeORM draws from: fail fast while down, an acquire deadline, a timeout on
   * every statement, and a connection whose statement timed out is destroyed rather than
   * returned to the pool (its protocol state is unknown; reused, it would hang the next request).
   */
  private guard(pool: CallbackPool): void {
    const acquire = pool.getConnection.bind(pool);
    pool.getConnection = (callback: Callback) => {
      if (this.down) {
        process.nextTick(() => callback(new DatabaseUnavailableError('the database is down')));
        return;
      }
      let settled = false;
      const deadline = setTimeout(() => {
        settled = true;
        const error = new DatabaseUnavailableError('no database connection within the limit');
        this.suspect(error);
        callback(error);
      }, DATABASE_LIMITS.acquireMs);
      acquire((error, connection) => {
        if (settled) {
          // The request has had its 503; hand a late connection straight back.
          connection?.release();
          return;
        }
        settled = true;
        clearTimeout(deadline);
        if (error) {
          if (isConnectionFailure(error)) this.suspect(error);
          callback(error);
          return;
        }
        callback(null, connection && this.limitStatements(connection));
      });
    };
  }

  private limitStatements(connection: PooledConnection): PooledConnection {
    if (connection[PATCHED]) return connection;
    connection[PATCHED] = true;
    const query = connection.query.bind(connection);
    connection.query = (...args: unknown[]) => {
      const at = args.findIndex((a) => typeof a === 'function');
      if (at < 0) return query(...args); // streams: no callback, no limit
      const done = args[at] as (error: unknown, ...rest: unknown[]) => void;
      args[at] = (error: unknown, ...rest: unknown[]) => {
        if (error && isConnectionFailure(error)) {
          connection.destroy();
          this.suspect(error);
        }
        done(error, ...rest);
      };
      if (typeof args[0] === 'string') args[0] = { sql: args[0], timeout: DATABASE_LIMITS.queryMs };
      else if (args[0] && typeof args[0] === 'object' && !('timeout' in args[0])) {
        args[0] = { ...args[0], timeout: DATABASE_LIMITS.queryMs };
      }
      return query(...args);
    };
    return connection;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
