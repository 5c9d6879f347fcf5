/** A real event store for a ticket module's integration tests. */
import { TestClock } from '@sportello/clock';
import {
  EventSchema,
  EventSchemaRegistry,
  InMemoryKeyVault,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
} from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function ticketStoreOnPostgres(
  schemaPrefix: string,
  clock: TestClock,
  schemas: EventSchema[],
) {
  const db = new PgExecutor(TEST_DATABASE_URL);
  const schema = uniqueSchema(schemaPrefix);
  const storage = new PostgresEventStorage(db, schema);
  const vault = new InMemoryKeyVault();
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register(...schemas),
    new PersonalDataSealer(vault),
    clock,
  );
  return {
    db,
    schema,
    storage,
    store,
    vault,
    dispose: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
