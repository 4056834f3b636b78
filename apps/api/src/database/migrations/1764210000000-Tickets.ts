import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { bool, datetime, id, index, int, text, varchar } from './schema-helpers';

/** The ticket workflow: events, visits, appeals, audit, calendar overrides, job leases, outbox. */
export class Tickets1764210000000 implements MigrationInterface {
  name = 'Tickets1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('tickets', [
      new TableColumn(varchar('outcome', 16, { isNullable: true })),
      new TableColumn(varchar('promisedDate', 10, { isNullable: true })),
      new TableColumn(datetime('warnedAt', { isNullable: true })),
      new TableColumn(datetime('overdueMarkedAt', { isNullable: true })),
      new TableColumn(bool('citizenAccepted', { isNullable: true })),
      new TableColumn(datetime('citizenRefusedAt', { isNullable: true })),
    ]);
    await q.createTable(
      new Table({
        name: 'ticket_events',
        columns: [
          id,
          int('ticketId'),
          varchar('type', 24),
          varchar('fromStatus', 16, { isNullable: true }),
          varchar('toStatus', 16, { isNullable: true }),
          varchar('actorType', 16),
          int('actorId', { isNullable: true }),
          text('note', { isNullable: true }),
          text('attachmentIds'),
          datetime('createdAt'),
        ],
        indices: [index('ticketId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ticket_visits',
        columns: [
          id,
          int('ticketId'),
          varchar('method', 16),
          datetime('visitedAt'),
          varchar('result', 500),
          text('note', { isNullable: true }),
          int('userId'),
          datetime('createdAt'),
        ],
        indices: [index('ticketId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ticket_appeals',
        columns: [
          id,
          int('ticketId'),
          text('reason'),
          text('attachmentIds'),
          int('createdBy'),
          datetime('createdAt'),
          varchar('decision', 16, { isNullable: true }),
          text('decisionNote', { isNullable: true }),
          int('decidedBy', { isNullable: true }),
          datetime('decidedAt', { isNullable: true }),
        ],
        indices: [index('ticketId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          varchar('actorType', 16),
          int('actorId', { isNullable: true }),
          varchar('actorName', 64, { isNullable: true }),
          varchar('action', 48),
          varchar('entity', 32),
          varchar('entityId', 64),
          text('before', { isNullable: true }),
          text('after', { isNullable: true }),
          varchar('ip', 64, { isNullable: true }),
          datetime('createdAt'),
        ],
        indices: [index('entity', 'entityId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_overrides',
        columns: [
          varchar('date', 10, { isPrimary: true }),
          varchar('type', 8),
          varchar('name', 50),
          int('updatedBy', { isNullable: true }),
          datetime('updatedAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'job_leases',
        columns: [
          varchar('name', 64, { isPrimary: true }),
          varchar('holder', 64, { isNullable: true }),
          datetime('leaseUntil'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_outbox',
        columns: [
          id,
          varchar('kind', 32),
          int('ticketId', { isNullable: true }),
          varchar('recipient', 64),
          text('payload'),
          datetime('createdAt'),
          datetime('sentAt', { isNullable: true }),
        ],
        indices: [index('ticketId')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notification_outbox',
      'job_leases',
      'calendar_overrides',
      'audit_log',
      'ticket_appeals',
      'ticket_visits',
      'ticket_events',
    ]) {
      await q.dropTable(table);
    }
    for (const column of [
      'citizenRefusedAt',
      'citizenAccepted',
      'overdueMarkedAt',
      'warnedAt',
      'promisedDate',
      'outcome',
    ]) {
      await q.dropColumn('tickets', column);
    }
  }
}
