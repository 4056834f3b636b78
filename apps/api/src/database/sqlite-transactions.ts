import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isMarked, runMarked } from '../common/request-context';

/**
 * Runs the top-level transactions of one EntityManager one after the other. TypeORM's
 * better-sqlite3 driver hands every caller the same query runner on the one connection, so two
 * transactions in flight at once became one `BEGIN` with the second nested in a savepoint: the
 * first one's `COMMIT` then ended the second's too ("Transaction is not started yet"), and a
 * `BEGIN` could meet a transaction still open ("cannot start a transaction within a
 * transaction"). This was rare while each rating's transaction ran without a pause; group commit
 * (database/batched.ts) writes batches from a timer and made it common under load. A transaction
 * started inside another (the same async context) still nests, as before. The async context is
 * marked in the request context's storage: a second AsyncLocalStorage would cost every promise of
 * the application another hook call.
 */
export function serializeTransactions(manager: EntityManager): void {
  const inside = Symbol('inside a serialized transaction');
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  const serialized = (...args: unknown[]): Promise<unknown> => {
    if (isMarked(inside)) return original(...args);
    const run = tail.then(() => runMarked(inside, () => original(...args)));
    tail = run.catch(() => undefined);
    return run;
  };
  manager.transaction = serialized;
}

/** Installs `serializeTransactions` on the application's data source when it is SQLite. */
@Injectable()
export class SqliteTransactions implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (this.dataSource.options.type === 'better-sqlite3') {
      serializeTransactions(this.dataSource.manager);
    }
  }
}
