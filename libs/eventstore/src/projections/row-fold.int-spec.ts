import fc from 'fast-check';
import { RecordedEvent } from '../port/event-store.port';
import { PgExecutor } from '../sql/pg-executor';
import { PGliteExecutor } from '../sql/pglite-executor';
import { SqlExecutor } from '../sql/sql-executor';
import { TEST_DATABASE_URL, uniqueSchema } from '../testing/postgres-harness';
import { ProjectionTables } from './projection';
import { Row, RowFold, rowFoldWriter } from './row-fold';

const IDS = [
  '01a20386-0000-7000-8000-000000000001',
  '01a20386-0000-7000-8000-000000000002',
  '01a20386-0000-7000-8000-000000000003',
];

type Kind = 'Opened' | 'Bumped' | 'Closed' | 'Deleted' | 'Unrelated';

function event(kind: Kind, id: string, n: number): RecordedEvent {
  return {
    id: `01a20386-0000-7000-8000-${String(n).padStart(12, '0')}`,
    stream: `tally-${id}`,
    revision: n,
    position: String(n),
    type: kind,
    schemaVersion: 1,
    storedSchemaVersion: 1,
    data: { id, label: `tally ${n}` },
    metadata: {
      occurredAt: '2026-03-28T09:00:00.000Z',
      recordedAt: new Date(Date.UTC(2026, 2, 28, 9, 0, n)).toISOString(),
      actor: { id: 'op-1', role: 'operator' },
      correlationId: 'c',
      causationId: null,
      subjectIds: [],
      policyVersion: null,
    },
    prevHash: '',
    hash: '',
    masked: [],
  };
}

/** A reference fold with every shape a read model meets: create once, update, delete, ignore. */
const spec: RowFold = {
  table: 'tallies',
  key: { column: 'tally_id', type: 'uuid' },
  keyOf: (e) => (e.type === 'Unrelated' ? null : (e.data as { id: string }).id),
  fold: (row: Row | undefined, e) => {
    const at = e.metadata.recordedAt;
    switch (e.type) {
      case 'Opened':
        return (
          row ?? {
            tally_id: (e.data as { id: string }).id,
            label: (e.data as { label: string }).label,
            count: 0,
            closed: false,
            // A `date`: read back by the driver as local midnight, it would shift a day east of
            // UTC (jest.config.js runs the suite in Europe/Rome).
            opened_on: '2026-03-28',
            updated_at: at,
          }
        );
      case 'Bumped':
        return row && { ...row, count: (row.count as number) + 1, updated_at: at };
      case 'Closed':
        return row && { ...row, closed: true, updated_at: at };
      case 'Deleted':
        return undefined;
      default:
        return row;
    }
  },
};
const tallies = rowFoldWriter(spec);

/** The same fold run in memory: what the table must hold, as the table returns it. */
function expected(events: RecordedEvent[]): Record<string, unknown>[] {
  const rows = new Map<string, Row | undefined>();
  for (const e of events) {
    const key = spec.keyOf(e);
    if (key !== null) rows.set(key, spec.fold(rows.get(key), e));
  }
  return [...rows.values()]
    .filter((row): row is Row => row !== undefined)
    .map((row): Record<string, unknown> => ({
      ...row,
      updated_at: new Date(row.updated_at as string),
    }))
    .sort((a, b) => String(a.tally_id).localeCompare(String(b.tally_id)));
}

const backends: [string, () => Promise<SqlExecutor>][] = [
  ['PostgreSQL', async () => new PgExecutor(TEST_DATABASE_URL)],
  ['PGlite', () => PGliteExecutor.open()],
];

describe.each(backends)('a row fold on %s', (_backend, open) => {
  let db: SqlExecutor;
  let schema: string;
  let one: ProjectionTables;
  let batched: ProjectionTables;

  beforeAll(async () => {
    db = await open();
    schema = uniqueSchema('row_fold');
    one = { tallies: `${schema}.tallies_one` };
    batched = { tallies: `${schema}.tallies_batched` };
    await db.exec(`CREATE SCHEMA ${schema}`);
    for (const t of [one, batched])
      await db.exec(`CREATE TABLE ${t.tallies} (
        tally_id uuid PRIMARY KEY, label text NOT NULL, count integer NOT NULL DEFAULT 0,
        closed boolean NOT NULL DEFAULT false, opened_on date NOT NULL,
        updated_at timestamptz NOT NULL)`);
  }, 60_000);
  afterAll(async () => {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  const rows = async (t: ProjectionTables) =>
    (
      await db.query(
        `SELECT tally_id, label, count, closed, opened_on::text AS opened_on, updated_at
           FROM ${t.tallies} ORDER BY tally_id`,
      )
    ).rows;

  it('writes the rows of the fold, whether events come one by one or in batches of any size', async () => {
    const kinds: Kind[] = ['Opened', 'Bumped', 'Closed', 'Deleted', 'Unrelated'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(...IDS)), {
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 10 }),
        async (steps, sizes) => {
          for (const t of [one, batched]) await db.exec(`TRUNCATE ${t.tallies}`);
          const events = steps.map(([kind, id], n) => event(kind, id, n + 1));
          for (const e of events) await db.transaction((tx) => tallies.apply(tx, e, one));
          for (let i = 0, s = 0; i < events.length; s++) {
            const size = sizes[s % sizes.length];
            const batch = events.slice(i, i + size);
            await db.transaction((tx) => tallies.applyBatch!(tx, batch, batched));
            i += size;
          }
          expect(await rows(one)).toEqual(expected(events));
          expect(await rows(batched)).toEqual(expected(events));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps the first creation, ignores events of rows that do not exist, and deletes', async () => {
    await db.exec(`TRUNCATE ${batched.tallies}`);
    const [a, b] = IDS;
    await tallies.applyBatch!(
      db,
      [
        event('Bumped', b, 1),
        event('Opened', a, 2),
        event('Opened', a, 3),
        event('Bumped', a, 4),
        event('Opened', b, 5),
        event('Deleted', b, 6),
      ],
      batched,
    );
    expect(await rows(batched)).toEqual([
      expect.objectContaining({ tally_id: a, label: 'tally 2', count: 1, closed: false }),
    ]);
    await tallies.apply(db, event('Deleted', a, 7), batched);
    expect(await rows(batched)).toEqual([]);
  });
});
