import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The committed migrations and the entities describe the same schema on this database family:
 * TypeORM's schema builder, asked what it would change, proposes nothing.
 */
describe('migrations match the entities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leaves no pending schema change after migrations ran on start', async () => {
    const dataSource = t.app.get(DataSource);
    expect(await dataSource.showMigrations()).toBe(false);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
