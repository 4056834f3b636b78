import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { dropIndexOn, varchar } from './schema-helpers';

/**
 * attachments.uploadKeyHash: the upload key answered to the uploader, hashed, which a rating,
 * complaint or appeal must show to reference the photo (ids are sequential). An index on
 * createdAt for the job that deletes uploads nothing referenced within 24 h.
 */
export class AttachmentUploadKeys1764300000000 implements MigrationInterface {
  name = 'AttachmentUploadKeys1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'attachments',
      new TableColumn(varchar('uploadKeyHash', 64, { isNullable: true })),
    );
    await q.createIndex('attachments', new TableIndex({ columnNames: ['createdAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexOn(q, 'attachments', ['createdAt']);
    await q.dropColumn('attachments', 'uploadKeyHash');
  }
}
