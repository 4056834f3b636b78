import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { int } from './schema-helpers';

/**
 * One complaint per transaction: `transactions.complaintId` names it, claimed by a conditional
 * update (… WHERE complaintId IS NULL) so two complaints sent at once cannot both open a ticket.
 * Transactions complained about before keep their first complaint; later duplicates stay stored.
 */
export class OneComplaint1764250000000 implements MigrationInterface {
  name = 'OneComplaint1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('transactions', new TableColumn(int('complaintId', { isNullable: true })));
    await q.query(
      `UPDATE transactions SET complaintId =
         (SELECT MIN(c.id) FROM complaints c WHERE c.transactionId = transactions.id)
       WHERE EXISTS (SELECT 1 FROM complaints c WHERE c.transactionId = transactions.id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('transactions', 'complaintId');
  }
}
