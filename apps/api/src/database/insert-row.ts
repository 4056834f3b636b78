import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

interface Statement {
  sql: string;
  columns: ColumnMetadata[];
}
const STATEMENTS = new WeakMap<object, Statement>();

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
  const driver = em.connection.driver;
  let statement = STATEMENTS.get(metadata);
  if (!statement) {
    const columns = metadata.columns.filter((c) => !c.isGenerated);
    if (columns.some((c) => c.transformer)) {
      throw new Error(`insertRow: ${metadata.name} has value transformers; use save()`);
    }
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const table = driver.escape(metadata.tableName);
    statement = {
      sql: `INSERT INTO ${table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns,
    };
    STATEMENTS.set(metadata, statement);
  }
  const parameters = statement.columns.map((column) => {
    let value: unknown = column.getEntityValue(values as ObjectLiteral);
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
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const result = await runner.query(statement.sql, parameters, true);
    // better-sqlite3 answers lastInsertRowid, mysql2 an OkPacket with insertId.
    const raw = result.raw as number | bigint | { insertId: number | bigint };
    const id = typeof raw === 'object' && raw !== null ? raw.insertId : raw;
    return Number(id);
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}
