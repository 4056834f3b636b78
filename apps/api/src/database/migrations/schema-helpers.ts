import { QueryRunner, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/*
 * Column and index builders for migrations written with the QueryRunner schema API. The types
 * chosen here are the ones TypeORM maps identically on SQLite and MySQL/MariaDB, so the schema
 * check in tests sees no difference between these migrations and the entities.
 */
type Extra = Partial<TableColumnOptions>;

export const id: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};
export const datetime = (name: string, extra: Extra = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...extra,
});
export const timestamps: TableColumnOptions[] = [datetime('createdAt'), datetime('updatedAt')];
export const varchar = (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
export const int = (name: string, extra: Extra = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  ...extra,
});
export const smallint = (name: string, extra: Extra = {}): TableColumnOptions => ({
  name,
  type: 'smallint',
  ...extra,
});
export const text = (name: string, extra: Extra = {}): TableColumnOptions => ({
  name,
  type: 'text',
  ...extra,
});
export const bool = (name: string, extra: Extra = {}): TableColumnOptions => ({
  name,
  type: 'boolean',
  ...extra,
});
export const unique = (column: string): TableIndex =>
  new TableIndex({ columnNames: [column], isUnique: true });
export const index = (...columns: string[]): TableIndex => new TableIndex({ columnNames: columns });

/** Drops `table`'s plain (not unique) index on exactly `columns`, in that order, if it has one. */
export async function dropIndexOn(q: QueryRunner, table: string, columns: string[]): Promise<void> {
  const found = (await q.getTable(table))?.indices.find(
    (i) => !i.isUnique && i.columnNames.join() === columns.join(),
  );
  if (found) await q.dropIndex(table, found);
}

export function fk(column: string, table: string, onDelete: string): TableForeignKey {
  return new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  });
}
