import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { int } from './schema-helpers';

/**
 * users.tokenVersion: carried in every staff token and bumped when the password changes, so the
 * tokens issued before stop working at once instead of living out their 12 hours.
 */
export class UserTokenVersion1764290000000 implements MigrationInterface {
  name = 'UserTokenVersion1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(int('tokenVersion', { default: 0 })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'tokenVersion');
  }
}
