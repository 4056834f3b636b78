import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, id, index, int, varchar } from './schema-helpers';

type Owner = {
  id: number;
  attachmentIds: string;
  departmentId: number;
  ticketId: number | null;
  createdAt: unknown;
};

/**
 * Links from photos to the rating, complaint or appeal that carries them, with the owner's
 * department and ticket: the scope check of GET /api/attachments/:id reads one indexed row
 * instead of searching the JSON id lists. Existing owners are linked here (parsed in application
 * code: JSON functions differ between SQLite and MariaDB).
 */
export class AttachmentLinks1764260000000 implements MigrationInterface {
  name = 'AttachmentLinks1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachment_links',
        columns: [
          id,
          int('attachmentId'),
          varchar('ownerType', 16),
          int('ownerId'),
          int('departmentId'),
          int('ticketId', { isNullable: true }),
          datetime('createdAt'),
        ],
        indices: [index('attachmentId')],
      }),
    );
    const owners: [string, string][] = [
      [
        'rating',
        `SELECT r.id AS id, r.attachmentIds AS attachmentIds, r.departmentId AS departmentId,
                t.id AS ticketId, r.createdAt AS createdAt
           FROM ratings r LEFT JOIN tickets t ON t.ratingId = r.id
          WHERE r.attachmentIds <> '[]'`,
      ],
      [
        'complaint',
        `SELECT c.id AS id, c.attachmentIds AS attachmentIds, x.departmentId AS departmentId,
                t.id AS ticketId, c.createdAt AS createdAt
           FROM complaints c JOIN transactions x ON x.id = c.transactionId
           LEFT JOIN tickets t ON t.complaintId = c.id
          WHERE c.attachmentIds <> '[]'`,
      ],
      [
        'appeal',
        `SELECT a.id AS id, a.attachmentIds AS attachmentIds, t.departmentId AS departmentId,
                t.id AS ticketId, a.createdAt AS createdAt
           FROM ticket_appeals a JOIN tickets t ON t.id = a.ticketId
          WHERE a.attachmentIds <> '[]'`,
      ],
    ];
    for (const [ownerType, sql] of owners) {
      for (const row of (await q.query(sql)) as Owner[]) {
        for (const attachmentId of attachmentIdsOf(row.attachmentIds)) {
          await q.query(
            `INSERT INTO attachment_links (attachmentId, ownerType, ownerId, departmentId, ticketId, createdAt)
             VALUES (?, ?, ?, ?, ?, ?)`,
            [attachmentId, ownerType, row.id, row.departmentId, row.ticketId, row.createdAt],
          );
        }
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachment_links');
  }
}

function attachmentIdsOf(json: string): number[] {
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) ? ids.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}
