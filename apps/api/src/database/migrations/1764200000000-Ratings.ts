import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import {
  bool,
  datetime,
  id,
  index,
  int,
  smallint,
  text,
  timestamps,
  unique,
  varchar,
} from './schema-helpers';

/** Settings, transactions, ratings, follow-ups, complaints, attachments, citizens, tickets. */
export class Ratings1764200000000 implements MigrationInterface {
  name = 'Ratings1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'settings',
        columns: [varchar('key', 64, { isPrimary: true }), text('value'), datetime('updatedAt')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rating_option_versions',
        columns: [int('version', { isPrimary: true }), text('levels'), datetime('createdAt')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'transactions',
        columns: [
          id,
          varchar('transactionNo', 64),
          int('serviceItemId'),
          int('departmentId'),
          int('windowId'),
          int('staffId'),
          datetime('finishedAt'),
          varchar('applicantType', 16),
          varchar('applicantPhoneEnc', 255, { isNullable: true }),
          varchar('applicantPhoneMasked', 16, { isNullable: true }),
          varchar('applicantPhoneHash', 64, { isNullable: true }),
          int('registeredByUserId', { isNullable: true }),
          int('registeredByApiKeyId', { isNullable: true }),
          datetime('tokenExpiresAt'),
          ...timestamps,
        ],
        indices: [unique('transactionNo'), index('departmentId'), index('windowId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ratings',
        columns: [
          id,
          int('transactionId'),
          smallint('level'),
          text('tags'),
          text('comment', { isNullable: true }),
          bool('anonymous'),
          varchar('contactPhoneEnc', 255, { isNullable: true }),
          varchar('contactPhoneMasked', 16, { isNullable: true }),
          varchar('channel', 16),
          int('optionsVersion'),
          text('attachmentIds'),
          int('citizenId', { isNullable: true }),
          int('departmentId'),
          int('windowId'),
          int('staffId'),
          varchar('monthKey', 7),
          bool('isDefault', { default: 0 }),
          bool('voided', { default: 0 }),
          varchar('idempotencyKey', 100, { isNullable: true }),
          varchar('ip', 64, { isNullable: true }),
          varchar('deviceHint', 200, { isNullable: true }),
          int('secondsSinceIssue', { isNullable: true }),
          datetime('createdAt'),
        ],
        indices: [unique('transactionId'), index('citizenId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rating_follow_ups',
        columns: [
          id,
          int('ratingId'),
          text('comment'),
          smallint('level', { isNullable: true }),
          datetime('createdAt'),
        ],
        indices: [unique('ratingId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'complaints',
        columns: [
          id,
          int('transactionId'),
          text('content'),
          varchar('contactPhoneEnc', 255, { isNullable: true }),
          varchar('contactPhoneMasked', 16, { isNullable: true }),
          text('attachmentIds'),
          int('citizenId', { isNullable: true }),
          varchar('ip', 64, { isNullable: true }),
          datetime('createdAt'),
        ],
        indices: [index('transactionId'), index('citizenId')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          id,
          varchar('sha256', 64),
          varchar('mime', 32),
          int('size'),
          datetime('createdAt'),
        ],
        indices: [index('sha256')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'citizens',
        columns: [id, varchar('openidHash', 64), datetime('createdAt'), datetime('lastLoginAt')],
        indices: [unique('openidHash')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tickets',
        columns: [
          id,
          varchar('ticketNo', 32),
          varchar('source', 16),
          varchar('status', 16),
          int('ratingId', { isNullable: true }),
          int('complaintId', { isNullable: true }),
          int('transactionId'),
          int('departmentId'),
          int('windowId'),
          int('staffId'),
          smallint('level', { isNullable: true }),
          bool('realName'),
          datetime('dueAt'),
          bool('dueProvisional'),
          datetime('firstContactDueAt'),
          text('reply', { isNullable: true }),
          datetime('closedAt', { isNullable: true }),
          ...timestamps,
        ],
        indices: [
          unique('ticketNo'),
          index('status'),
          unique('ratingId'),
          unique('complaintId'),
          index('departmentId'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'tickets',
      'citizens',
      'attachments',
      'complaints',
      'rating_follow_ups',
      'ratings',
      'transactions',
      'rating_option_versions',
      'settings',
    ]) {
      await q.dropTable(table);
    }
  }
}
