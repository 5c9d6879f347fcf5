/** A real event store for the billing integration tests. */
import { TestClock } from '@sportello/clock';
import { complaintEventSchemas } from '@sportello/complaints/complaint.schemas';
import {
  CommandHandler,
  EventSchemaRegistry,
  InMemoryKeyVault,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
} from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { billingEventSchemas } from '../billing.schemas';
import { createBillingTables } from '../billing.tables';

/** Billing and complaint events over the machine's PostgreSQL, in a schema of their own. */
export async function billingStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  const db = new PgExecutor(TEST_DATABASE_URL);
  const schema = uniqueSchema(schemaPrefix);
  const storage = new PostgresEventStorage(db, schema);
  await storage.init();
  await createBillingTables(db, schema);
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register(
      ...Object.values(complaintEventSchemas),
      ...Object.values(billingEventSchemas),
    ),
    new PersonalDataSealer(new InMemoryKeyVault()),
    clock,
  );
  return {
    db,
    schema,
    store,
    handler: new CommandHandler(store, clock),
    dispose: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
