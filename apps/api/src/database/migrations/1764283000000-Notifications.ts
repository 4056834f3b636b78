import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { chinaDate } from '@haochaping/domain';
import { bool, datetime, id, index, int, text, unique, varchar } from './schema-helpers';

type LegacyRow = {
  id: number;
  kind: string;
  ticketId: number | null;
  recipient: string;
  payload: string;
  createdAt: unknown;
};

/**
 * Notifications that arrive: staff to-do notices, the outbox as the dispatcher's queue (status,
 * attempts, lease, per-message key), WeChat subscriptions and the shared access token, the
 * citizen's openid kept encrypted, and the 督办 count on tickets. The overdue scan's old outbox
 * rows (to 'department:<id>' or 'supervisors', never sent) become the notices they were meant
 * to be, for the enabled users of their audience.
 */
export class Notifications1764283000000 implements MigrationInterface {
  name = 'Notifications1764283000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'staff_notices',
        columns: [
          id,
          int('userId'),
          varchar('kind', 24),
          int('ticketId', { isNullable: true }),
          varchar('ticketNo', 32, { isNullable: true }),
          varchar('title', 200),
          datetime('createdAt'),
          datetime('readAt', { isNullable: true }),
        ],
        indices: [index('userId', 'readAt')],
      }),
    );

    const legacy = (await q.query(
      'SELECT id, kind, ticketId, recipient, payload, createdAt FROM notification_outbox ORDER BY id',
    )) as LegacyRow[];
    for (const row of legacy) {
      const payload = parse(row.payload);
      const overdue = row.kind === 'ticket_overdue';
      const due = typeof payload.dueAt === 'string' ? chinaDate(new Date(payload.dueAt)) : '';
      const department = /^department:(\d+)$/.exec(row.recipient)?.[1];
      const users = (await q.query(
        department
          ? "SELECT id FROM users WHERE role = 'department' AND departmentId = ? AND enabled = ?"
          : "SELECT id FROM users WHERE role = 'supervisor' AND enabled = ?",
        // 1, not true: SQLite binds no booleans (and stores them as 1).
        department ? [Number(department), 1] : [1],
      )) as { id: number }[];
      for (const user of users) {
        await q.query(
          `INSERT INTO staff_notices (userId, kind, ticketId, ticketNo, title, createdAt, readAt)
           VALUES (?, ?, ?, ?, ?, ?, NULL)`,
          [
            user.id,
            overdue ? 'ticket_overdue' : 'ticket_due_soon',
            row.ticketId,
            typeof payload.ticketNo === 'string' ? payload.ticketNo : null,
            `${overdue ? '工单已超期' : '工单即将到期'}${due ? `（${due} 截止）` : ''}`,
            row.createdAt,
          ],
        );
      }
    }

    await q.dropTable('notification_outbox');
    await q.createTable(
      new Table({
        name: 'notification_outbox',
        columns: [
          id,
          varchar('channel', 16),
          varchar('kind', 32),
          int('ticketId', { isNullable: true }),
          varchar('recipient', 64),
          text('payload'),
          varchar('messageKey', 64),
          varchar('status', 16),
          int('attempts', { default: 0 }),
          datetime('nextAttemptAt'),
          varchar('lockedBy', 64, { isNullable: true }),
          varchar('lastError', 500, { isNullable: true }),
          datetime('createdAt'),
          datetime('updatedAt'),
          datetime('sentAt', { isNullable: true }),
        ],
        indices: [
          index('ticketId'),
          unique('messageKey'),
          index('status', 'nextAttemptAt'),
          index('channel', 'status'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'wechat_subscriptions',
        columns: [
          id,
          int('citizenId'),
          varchar('templateId', 64),
          int('remaining', { default: 0 }),
          bool('lastAccepted'),
          datetime('answeredAt'),
        ],
        indices: [new TableIndex({ columnNames: ['citizenId', 'templateId'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'access_token_cache',
        columns: [
          varchar('name', 64, { isPrimary: true }),
          text('tokenEnc'),
          datetime('expiresAt'),
          datetime('updatedAt'),
        ],
      }),
    );
    await q.addColumn('citizens', new TableColumn(text('openidEnc', { isNullable: true })));
    await q.addColumn('tickets', new TableColumn(int('urgeCount', { default: 0 })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('tickets', 'urgeCount');
    await q.dropColumn('citizens', 'openidEnc');
    await q.dropTable('access_token_cache');
    await q.dropTable('wechat_subscriptions');
    await q.dropTable('notification_outbox');
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
    await q.dropTable('staff_notices');
  }
}

function parse(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
