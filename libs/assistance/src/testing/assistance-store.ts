/** A real event store for the assistance integration tests. */
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
import { assistanceEventSchemas } from '../assistance.schemas';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function assistanceStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  const db = new PgExecutor(TEST_DATABASE_URL);
  const schema = uniqueSchema(schemaPrefix);
  const storage = new PostgresEventStorage(db, schema);
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register(...Object.values(assistanceEventSchemas)),
    new PersonalDataSealer(new InMemoryKeyVault()),
    clock,
  );
  return {
    db,
    schema,
    storage,
    store,
    dispose: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
