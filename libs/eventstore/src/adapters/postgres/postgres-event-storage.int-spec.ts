import { describeEventStoreConformance } from '../../testing/conformance';
import { postgresHarness, TEST_DATABASE_URL } from '../../testing/postgres-harness';
import { PgExecutor } from '../../sql/pg-executor';

const db = new PgExecutor(TEST_DATABASE_URL);
afterAll(() => db.close());

describeEventStoreConformance('PostgreSQL', () => postgresHarness(db), {
  concurrentTransactions: true,
});
