import { TestClock } from '@sportello/clock';
import { Client } from 'pg';
import { InMemoryKeyVault } from '../../privacy/in-memory-key-vault';
import { PersonalDataSealer } from '../../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../../schema/event-schema';
import { PgExecutor } from '../../sql/pg-executor';
import { SealingEventStore } from '../../store/sealing-event-store';
import { TEST_DATABASE_URL, uniqueSchema } from '../../testing/postgres-harness';
import { PostgresEventStorage } from './postgres-event-storage';

const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('read_committed');
const storage = new PostgresEventStorage(db, schema);
const store = new SealingEventStore(
  storage,
  new EventSchemaRegistry().register({ type: 'Noted', version: 1 }),
  new PersonalDataSealer(new InMemoryKeyVault()),
  new TestClock('2026-05-04T08:00:00Z'),
);

beforeAll(() => storage.init());
afterAll(async () => {
  await db.query(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('readAllCommitted: a point-in-time scan past the ordering horizon', () => {
  it('sees an event committed while an unrelated older transaction is still running; readAll does not', async () => {
    const other = new Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    try {
      await store.append(
        'note-1',
        [
          {
            type: 'Noted',
            data: {},
            metadata: {
              occurredAt: '2026-05-04T08:00:00Z',
              actor: { id: 'op-1', role: 'operator' },
              correlationId: 'c-1',
            },
          },
        ],
        'no_stream',
      );
      expect((await storage.readAll(null, 10)).events).toHaveLength(0);
      const committed = await storage.readAllCommitted(null, 10);
      expect(committed.events.map((e) => e.stream)).toEqual(['note-1']);
    } finally {
      await other.query('COMMIT');
      await other.end();
    }
    expect((await storage.readAll(null, 10)).events).toHaveLength(1);
  });
});
