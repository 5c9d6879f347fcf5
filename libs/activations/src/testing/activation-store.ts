/** A real event store for the activation integration tests. */
import { TestClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  InMemoryKeyVault,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
} from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { activationEventSchemas } from '../activation.schemas';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function activationStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  const db = new PgExecutor(TEST_DATABASE_URL);
  const schema = uniqueSchema(schemaPrefix);
  const storage = new PostgresEventStorage(db, schema);
  const vault = new InMemoryKeyVault();
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register(...Object.values(activationEventSchemas)),
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
