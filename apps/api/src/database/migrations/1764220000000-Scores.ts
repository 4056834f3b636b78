import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { chinaDate } from '@haochaping/domain';
import { datetime, id, index, int, smallint, text, varchar } from './schema-helpers';

const COUNTERS = [
  'finished',
  'rated',
  'ratings',
  'level1',
  'level2',
  'level3',
  'level4',
  'level5',
  'chWindowQr',
  'chMiniapp',
  'chTablet',
  'chWeb',
  'chSms',
  'chHotline',
  'voided',
  'tickets',
  'ticketsClosed',
  'ticketsClosedOnTime',
  'ticketsDue',
  'realNameBad',
  'realNameBadVisited',
];

/** Month keys on transactions and tickets, score rollups, frozen snapshots and corrections. */
export class Scores1764220000000 implements MigrationInterface {
  name = 'Scores1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'transactions',
      new TableColumn(varchar('finishedMonth', 7, { default: "''" })),
    );
    await q.addColumn('tickets', new TableColumn(varchar('monthKey', 7, { default: "''" })));
    // Backfill in application code: date bucketing differs between SQLite and MySQL.
    for (const [table, from, to] of [
      ['transactions', 'finishedAt', 'finishedMonth'],
      ['tickets', 'createdAt', 'monthKey'],
    ] as const) {
      const rows = (await q.query(`SELECT id, ${from} AS at FROM ${table}`)) as {
        id: number;
        at: string | Date;
      }[];
      for (const row of rows) {
        const at =
          row.at instanceof Date ? row.at : new Date(`${String(row.at).replace(' ', 'T')}Z`);
        await q.query(`UPDATE ${table} SET ${to} = ? WHERE id = ?`, [
          chinaDate(at).slice(0, 7),
          row.id,
        ]);
      }
    }
    await q.createIndex('transactions', new TableIndex({ columnNames: ['finishedMonth'] }));
    await q.createIndex('tickets', new TableIndex({ columnNames: ['monthKey'] }));

    await q.createTable(
      new Table({
        name: 'score_rollups',
        columns: [
          id,
          varchar('monthKey', 7),
          varchar('unitType', 12),
          int('unitId'),
          ...COUNTERS.map((name) => int(name, { default: 0 })),
        ],
        indices: [
          new TableIndex({ columnNames: ['monthKey', 'unitType', 'unitId'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'score_snapshots',
        columns: [
          id,
          varchar('monthKey', 7),
          varchar('unitType', 12),
          text('payload'),
          datetime('frozenAt'),
          int('frozenBy', { isNullable: true }),
        ],
        indices: [new TableIndex({ columnNames: ['monthKey', 'unitType'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'score_corrections',
        columns: [
          id,
          varchar('recordedMonth', 7),
          varchar('correctsMonth', 7),
          varchar('kind', 32),
          int('departmentId'),
          int('windowId'),
          int('staffId'),
          int('ratingId', { isNullable: true }),
          smallint('level', { isNullable: true }),
          varchar('note', 200),
          datetime('createdAt'),
        ],
        indices: [index('recordedMonth')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('score_corrections');
    await q.dropTable('score_snapshots');
    await q.dropTable('score_rollups');
    await q.dropColumn('tickets', 'monthKey');
    await q.dropColumn('transactions', 'finishedMonth');
  }
}
