import { TestClock } from '@sportello/clock';
import { PostgresEventStorage } from '../adapters/postgres/postgres-event-storage';
import { InMemoryKeyVault } from '../privacy/in-memory-key-vault';
import { PersonalDataSealer } from '../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../schema/event-schema';
import { PgExecutor } from '../sql/pg-executor';
import { PGliteExecutor } from '../sql/pglite-executor';
import { SqlExecutor } from '../sql/sql-executor';
import { SealingEventStore } from '../store/sealing-event-store';
import { TEST_DATABASE_URL, uniqueSchema } from '../testing/postgres-harness';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const registry = new EventSchemaRegistry().register({ type: 'Ping', version: 1 });
const meta = {
  occurredAt: '2026-03-28T09:00:00Z',
  actor: { id: 'op-1', role: 'operator' },
  correlationId: 'c',
};

/** Counts events per stream and remembers each event id, so a double application fails loudly. */
function countingProjection(crash?: { atN: number; armed: boolean }): Projection {
  return {
    name: 'ping_counts',
    tables: ['ping_applied', 'ping_counts'],
    async createTables(db, t) {
      await db.exec(`
        CREATE TABLE IF NOT EXISTS ${t.ping_applied} (event_id uuid PRIMARY KEY, n integer NOT NULL);
        CREATE TABLE IF NOT EXISTS ${t.ping_counts} (stream text PRIMARY KEY, count integer NOT NULL);`);
    },
    async apply(db, event, t) {
      const n = (event.data as { n: number }).n;
      await db.query(`INSERT INTO ${t.ping_applied} (event_id, n) VALUES ($1, $2)`, [event.id, n]);
      if (crash?.armed && n === crash.atN) {
        crash.armed = false;
        throw new Error('worker killed mid-batch');
      }
      await db.query(
        `INSERT INTO ${t.ping_counts} (stream, count) VALUES ($1, 1) ON CONFLICT (stream) DO UPDATE SET count = ${t.ping_counts}.count + 1`,
        [event.stream],
      );
    },
  };
}

const backends: [string, () => Promise<SqlExecutor>][] = [
  ['PostgreSQL', async () => new PgExecutor(TEST_DATABASE_URL)],
  ['PGlite', () => PGliteExecutor.open()],
];

describe.each(backends)('projection runner on %s', (backend, open) => {
  let db: SqlExecutor;
  let schema: string;
  let store: SealingEventStore;

  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(() => db.close());

  beforeEach(async () => {
    schema = uniqueSchema('proj');
    const storage = new PostgresEventStorage(db, schema);
    await storage.init();
    store = new SealingEventStore(
      storage,
      registry,
      new PersonalDataSealer(new InMemoryKeyVault()),
      new TestClock(),
    );
  });
  afterEach(() => db.exec(`DROP SCHEMA ${schema} CASCADE`));

  async function appendPings(from: number, count: number) {
    for (let n = from; n < from + count; n++)
      await store.append(`ticket-${n % 4}`, [{ type: 'Ping', data: { n }, metadata: meta }], 'any');
  }

  async function counts(table = 'ping_counts') {
    const { rows } = await db.query<{ stream: string; count: number }>(
      `SELECT stream, count FROM ${schema}.${table} ORDER BY stream`,
    );
    return rows;
  }

  it('applies every event once, reports its lag, and resumes after a crash mid-batch with nothing lost or repeated', async () => {
    await appendPings(0, 40);
    const crash = { atN: 27, armed: true };
    const errors: unknown[] = [];
    const first = new ProjectionRunner(db, store, countingProjection(crash), {
      schema,
      batchSize: 10,
      idleMs: 20,
      onError: (e) => errors.push(e),
    });
    await first.init();
    expect((await first.lag()).eventsBehind).toBe(40);
    await first.start();
    await expect(first.caughtUp()).rejects.toThrow('worker killed mid-batch');
    expect(errors).toHaveLength(1);
    const afterCrash = await db.query<{ n: number }>(
      `SELECT n FROM ${schema}.ping_applied ORDER BY n`,
    );
    expect(afterCrash.rows.map((r) => r.n)).toEqual([...Array(20).keys()]);

    const second = new ProjectionRunner(db, store, countingProjection(), {
      schema,
      batchSize: 10,
      idleMs: 20,
    });
    await second.start();
    await second.caughtUp();
    await appendPings(40, 5);
    await second.caughtUp();
    expect((await counts()).map((row) => row.count)).toEqual([12, 11, 11, 11]);
    expect(await second.lag()).toMatchObject({ caughtUp: true, eventsBehind: 0 });
    await second.stop();
  });

  it('rebuilds from position zero into fresh tables and swaps them in, repairing a tampered row', async () => {
    await appendPings(0, 25);
    const runner = new ProjectionRunner(db, store, countingProjection(), {
      schema,
      batchSize: 7,
      idleMs: 20,
    });
    await runner.start();
    await runner.caughtUp();
    const before = await counts();
    await db.query(`UPDATE ${schema}.ping_counts SET count = 999 WHERE stream = 'ticket-0'`);

    expect(await runner.rebuild()).toBe(25);
    expect(await counts()).toEqual(before);
    await appendPings(25, 3);
    await runner.caughtUp();
    expect((await counts()).reduce((sum, row) => sum + row.count, 0)).toBe(28);
    await runner.stop();
  });

  it('compares a rebuild from zero with the live tables without swapping: none, then each tampered row', async () => {
    await appendPings(0, 25);
    const runner = new ProjectionRunner(db, store, countingProjection(), {
      schema,
      batchSize: 7,
      idleMs: 20,
    });
    await runner.start();
    await runner.caughtUp();
    const clean = await runner.compare();
    expect(clean).toMatchObject({
      projection: 'ping_counts',
      eventsApplied: 25,
      differenceCount: 0,
    });
    expect(clean.tables).toEqual([
      { table: 'ping_applied', primaryKey: ['event_id'], liveRows: 25, rebuiltRows: 25 },
      { table: 'ping_counts', primaryKey: ['stream'], liveRows: 4, rebuiltRows: 4 },
    ]);

    await db.query(`UPDATE ${schema}.ping_counts SET count = 999 WHERE stream = 'ticket-1'`);
    await db.query(`DELETE FROM ${schema}.ping_counts WHERE stream = 'ticket-2'`);
    await db.query(`INSERT INTO ${schema}.ping_counts (stream, count) VALUES ('ticket-9', 1)`);
    const tampered = await runner.compare();
    expect(tampered.differenceCount).toBe(3);
    expect(tampered.differences).toEqual([
      {
        table: 'ping_counts',
        key: { stream: 'ticket-1' },
        kind: 'changed',
        columns: [{ column: 'count', live: 999, rebuilt: 6 }],
      },
      {
        table: 'ping_counts',
        key: { stream: 'ticket-2' },
        kind: 'missing_in_live',
        rebuilt: { stream: 'ticket-2', count: 6 },
      },
      {
        table: 'ping_counts',
        key: { stream: 'ticket-9' },
        kind: 'unexpected_in_live',
        live: { stream: 'ticket-9', count: 1 },
      },
    ]);
    expect((await runner.compare({ maxDifferences: 1 })).truncated).toBe(true);
    // Nothing was swapped in and no shadow table is left behind.
    expect((await counts()).find((row) => row.stream === 'ticket-1')?.count).toBe(999);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename LIKE '%__audit_%'`,
      [schema],
    );
    expect(rows[0].n).toBe(0);
    await runner.stop();
  });

  it('compares at the live checkpoint, even when the live projection lags behind the log', async () => {
    await appendPings(0, 10);
    const runner = new ProjectionRunner(db, store, countingProjection(), { schema, idleMs: 20 });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    await appendPings(10, 5);
    const comparison = await runner.compare();
    expect(comparison).toMatchObject({ eventsApplied: 10, differenceCount: 0 });
  });

  it('folds the tables as they were at an instant, by recorded time', async () => {
    const clock = new TestClock('2026-03-01T10:00:00Z');
    store = new SealingEventStore(
      store.storage,
      registry,
      new PersonalDataSealer(new InMemoryKeyVault()),
      clock,
    );
    await appendPings(0, 4);
    clock.set('2026-03-01T11:00:00Z');
    await appendPings(4, 4);
    const runner = new ProjectionRunner(db, store, countingProjection(), { schema });
    const at = (instant: string) =>
      runner.asOf(new Date(instant), async (t, applied) => {
        const { rows } = await db.query<{ count: number }>(
          `SELECT count FROM ${t.ping_counts} WHERE stream = 'ticket-0'`,
        );
        return { applied, count: rows[0]?.count ?? null };
      });
    expect(await at('2026-03-01T09:59:59.999Z')).toEqual({ applied: 0, count: null });
    expect(await at('2026-03-01T10:00:00Z')).toEqual({ applied: 4, count: 1 });
    expect(await at('2026-03-01T11:00:00Z')).toEqual({ applied: 8, count: 2 });
  });

  if (backend === 'PostgreSQL') {
    it('lets only one runner per projection work at a time; the standby takes over when the leader stops', async () => {
      await appendPings(0, 10);
      const leader = new ProjectionRunner(db, store, countingProjection(), { schema, idleMs: 20 });
      const standby = new ProjectionRunner(db, store, countingProjection(), { schema, idleMs: 20 });
      await leader.start();
      await leader.caughtUp();
      await standby.start();
      await appendPings(10, 5);
      await leader.caughtUp();
      expect(leader.isLeader).toBe(true);
      expect(standby.isLeader).toBe(false);
      await leader.stop();
      await appendPings(15, 5);
      await standby.caughtUp();
      expect(standby.isLeader).toBe(true);
      expect((await counts()).reduce((sum, row) => sum + row.count, 0)).toBe(20);
      await standby.stop();
    });
  }
});
