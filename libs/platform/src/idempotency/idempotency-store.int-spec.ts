import { TestClock } from '@sportello/clock';
import { PgExecutor, PGliteExecutor, SqlExecutor } from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { IdempotencySecrets } from './idempotency-secrets';
import { IdempotencyStore } from './idempotency-store';

const secrets = new IdempotencySecrets(Buffer.alloc(32, 3).toString('base64'));

describe.each([
  [
    'PostgreSQL',
    () => Promise.resolve(new PgExecutor({ connectionString: TEST_DATABASE_URL, max: 4 })),
  ],
  ['PGlite', () => PGliteExecutor.open()],
])('IdempotencyStore on %s', (_name, open: () => Promise<SqlExecutor>) => {
  let db: SqlExecutor;
  let schema: string;
  let clock: TestClock;
  let store: IdempotencyStore;

  beforeAll(async () => {
    db = await open();
  });

  beforeEach(async () => {
    schema = uniqueSchema('idem');
    clock = new TestClock('2026-03-02T09:00:00Z');
    store = new IdempotencyStore(db, clock, secrets, { schema, ttlHours: 24, leaseMs: 60_000 });
    await store.init();
  });

  afterEach(async () => {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  });

  afterAll(async () => {
    await db.close();
  });

  const response = { status: 201, headers: { etag: '"0"' }, body: { id: 'n-1', name: 'Mariella' } };

  it('claims a key once, then replays the remembered response', async () => {
    expect(await store.begin('op-1', 'k', 'fp')).toEqual({ kind: 'started' });
    expect(await store.begin('op-1', 'k', 'fp')).toEqual({ kind: 'in-flight' });
    await store.complete('op-1', 'k', response);
    expect(await store.begin('op-1', 'k', 'fp')).toEqual({ kind: 'replay', response });
    expect(await store.begin('op-1', 'k', 'other')).toEqual({ kind: 'different-request' });
    expect(await store.begin('op-2', 'k', 'other')).toEqual({ kind: 'started' });
  });

  it('lets a retry take over a key whose holder died, once its lease has run out', async () => {
    await store.begin('op-1', 'k', 'fp');
    clock.advance({ seconds: 59 });
    expect(await store.begin('op-1', 'k', 'fp')).toEqual({ kind: 'in-flight' });
    clock.advance({ seconds: 2 });
    expect(await store.begin('op-1', 'k', 'other')).toEqual({ kind: 'different-request' });
    expect(await store.begin('op-1', 'k', 'fp')).toEqual({ kind: 'started' });
  });

  it('frees a key on release, and only an unfinished one', async () => {
    await store.begin('op-1', 'k', 'fp');
    await store.release('op-1', 'k');
    expect(await store.begin('op-1', 'k', 'other')).toEqual({ kind: 'started' });
    await store.complete('op-1', 'k', response);
    await store.release('op-1', 'k');
    expect(await store.begin('op-1', 'k', 'other')).toMatchObject({ kind: 'replay' });
  });

  it('forgets a key after its retention, and purges it', async () => {
    await store.begin('op-1', 'k', 'fp');
    await store.complete('op-1', 'k', response);
    await store.begin('op-1', 'gone', 'fp');
    await store.complete('op-1', 'gone', response);
    clock.advance({ hours: 23 });
    expect(await store.purgeExpired()).toBe(0);
    expect(await store.begin('op-1', 'k', 'fp')).toMatchObject({ kind: 'replay' });
    clock.advance({ hours: 1 });
    expect(await store.begin('op-1', 'k', 'new body')).toEqual({ kind: 'started' });
    expect(await store.purgeExpired()).toBe(1);
  });

  it('gives exactly one of many simultaneous claims the key', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => store.begin('op-1', 'race', 'fp')),
    );
    expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'in-flight')).toHaveLength(19);
  });
});
