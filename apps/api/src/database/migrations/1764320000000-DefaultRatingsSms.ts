import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** The entity's name of the index on transactions.tokenExpiresAt (TOKEN_EXPIRY_INDEX). */
const TOKEN_EXPIRY_INDEX = 'IDX_transactions_token_expiry';

/**
 * Default ratings and SMS invitations (#16): score_rollups.defaultRated (default ratings counted
 * apart from every rate), transactions.smsInvitedAt (the one invitation of a transaction, claimed
 * by a conditional UPDATE) and an index on transactions.tokenExpiresAt for the jobs' scans.
 */
export class DefaultRatingsSms1764320000000 implements MigrationInterface {
  name = 'DefaultRatingsSms1764320000000';

  async up(q: QueryRunner): Promise<void> {
    // Plain ADD COLUMN, as in ProvinceCodes: QueryRunner.addColumn rebuilds a SQLite table from a
    // cached definition that may be stale within a run of several migrations.
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(
      `ALTER TABLE ${e('score_rollups')} ADD COLUMN ${e('defaultRated')} integer NOT NULL DEFAULT 0`,
    );
    await q.query(
      `ALTER TABLE ${e('transactions')} ADD COLUMN ${e('smsInvitedAt')} datetime(3) NULL`,
    );
    await q.createIndex(
      'transactions',
      new TableIndex({ name: TOKEN_EXPIRY_INDEX, columnNames: ['tokenExpiresAt'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    await q.dropIndex('transactions', TOKEN_EXPIRY_INDEX);
    await q.query(`ALTER TABLE ${e('transactions')} DROP COLUMN ${e('smsInvitedAt')}`);
    await q.query(`ALTER TABLE ${e('score_rollups')} DROP COLUMN ${e('defaultRated')}`);
  }
}
