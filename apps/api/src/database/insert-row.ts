import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface Statement {
  table: string;
  names: string;
  /** `(?, ?, …)`: one row's placeholders. */
  row: string;
  columns: ColumnMetadata[];
}
const STATEMENTS = new WeakMap<object, Statement>();

function statementOf(em: EntityManager, metadata: EntityMetadata): Statement {
  let statement = STATEMENTS.get(metadata);
  if (!statement) {
    const driver = em.connection.driver;
    const columns = metadata.columns.filter((c) => !c.isGenerated);
    if (columns.some((c) => c.transformer)) {
      throw new Error(`insertRow: ${metadata.name} has value transformers; use save()`);
    }
    statement = {
      table: driver.escape(metadata.tableName),
      names: columns.map((c) => driver.escape(c.databaseName)).join(', '),
      row: `(${columns.map(() => '?').join(', ')})`,
      columns,
    };
    STATEMENTS.set(metadata, statement);
  }
  return statement;
}

/** One row's values in column order, through the driver's own conversion. */
function parametersOf(
  em: EntityManager,
  metadata: EntityMetadata,
  statement: Statement,
  values: ObjectLiteral,
): unknown[] {
  const driver = em.connection.driver;
  return statement.columns.map((column) => {
    let value: unknown = column.getEntityValue(values);
    if (value === undefined) {
      if (column.default !== undefined && typeof column.default !== 'function') {
        value = column.default;
      } else if (column.isNullable) {
        value = null;
      } else {
        throw new Error(`insertRow: ${metadata.name}.${column.propertyName} has no value`);
      }
    }
    return driver.preparePersistentValue(value, column) as unknown;
  });
}

/** The caller's transaction, or a runner of its own released afterwards. */
async function withRunner<T>(
  em: EntityManager,
  work: (runner: NonNullable<EntityManager['queryRunner']>) => Promise<T>,
): Promise<T> {
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/**
 * INSERT of one row as parameterised SQL with `?` placeholders, answering the generated id:
 * the hot path of a rating, where `save()` built the statement through the query builder and read
 * the row back, and TypeORM's SQLite driver wrote every number into the SQL text so better-sqlite3
 * prepared a new statement each time (docs/benchmarks.md). The statement lists every column
 * except the generated id, so its text never changes: a value left undefined takes the column's
 * default, or null where the column allows it. Values go through the driver's own conversion
 * (simple-json, booleans, datetimes), as they do in `save()`.
 */
export async function insertRow<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  values: DeepPartial<T>,
): Promise<number> {
  const metadata = em.connection.getMetadata(target);
  const statement = statementOf(em, metadata);
  const parameters = parametersOf(em, metadata, statement, values as ObjectLiteral);
  return withRunner(em, async (runner) => {
    const result = await runner.query(
      `INSERT INTO ${statement.table} (${statement.names}) VALUES ${statement.row}`,
      parameters,
      true,
    );
    // better-sqlite3 answers lastInsertRowid, mysql2 an OkPacket with insertId.
    const raw = result.raw as number | bigint | { insertId: number | bigint };
    const id = typeof raw === 'object' && raw !== null ? raw.insertId : raw;
    return Number(id);
  });
}

/**
 * Many rows in one multi-row INSERT (`VALUES (…), (…)`), the same conversion as `insertRow`.
 * Generated ids are not answered: the two database families do not promise them in order for a
 * multi-row statement, so callers read them back by a unique key.
 */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  list: readonly DeepPartial<T>[],
): Promise<void> {
  if (list.length === 0) return;
  const metadata = em.connection.getMetadata(target);
  const statement = statementOf(em, metadata);
  const parameters = list.flatMap((values) =>
    parametersOf(em, metadata, statement, values as ObjectLiteral),
  );
  await withRunner(em, (runner) =>
    runner.query(
      `INSERT INTO ${statement.table} (${statement.names}) VALUES ${list.map(() => statement.row).join(', ')}`,
      parameters,
    ),
  );
}

interface Selection {
  /** `SELECT <every column> FROM <table> WHERE <id> ` */
  head: string;
  id: string;
  columns: ColumnMetadata[];
}
const SELECTIONS = new WeakMap<object, Selection>();

async function selectByIds<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  ids: readonly number[],
): Promise<Map<number, T>> {
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  let selection = SELECTIONS.get(metadata);
  if (!selection) {
    if (metadata.relations.length > 0 || metadata.columns.some((c) => c.transformer)) {
      throw new Error(`findRowsByIds: ${metadata.name} needs the ORM's hydration`);
    }
    const primary = metadata.primaryColumns;
    if (primary.length !== 1) throw new Error(`findRowsByIds: ${metadata.name} has no single id`);
    selection = {
      head: `SELECT ${metadata.columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)} WHERE ${driver.escape(primary[0].databaseName)} `,
      id: primary[0].databaseName,
      columns: metadata.columns,
    };
    SELECTIONS.set(metadata, selection);
  }
  const { head, id, columns } = selection;
  const sql = ids.length === 1 ? `${head}= ?` : `${head}IN (${ids.map(() => '?').join(', ')})`;
  const rows = await withRunner(
    em,
    (runner) => runner.query(sql, [...ids]) as Promise<Record<string, unknown>[]>,
  );
  const found = new Map<number, T>();
  for (const row of rows) {
    const entity = metadata.create() as T;
    for (const column of columns) {
      column.setEntityValue(
        entity,
        driver.prepareHydratedValue(row[column.databaseName], column) as unknown,
      );
    }
    found.set(Number(row[id]), entity);
  }
  return found;
}

/**
 * Entities by id through one parameterised `SELECT … WHERE id IN (?, …)` (or `= ?` for one), by
 * id, the missing ones absent, hydrated with the driver's conversion: no query builder, and on
 * SQLite no id written into the SQL text (`findOneBy` does both, so better-sqlite3 prepared a new
 * statement per request). Entities with relations or transformers are refused: their hydration
 * is the ORM's.
 */
export function findRowsByIds<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  ids: readonly number[],
): Promise<Map<number, T>> {
  return ids.length === 0 ? Promise.resolve(new Map<number, T>()) : selectByIds(em, target, ids);
}
