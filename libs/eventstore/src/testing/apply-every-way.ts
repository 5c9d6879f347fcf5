import { RecordedEvent } from '../port/event-store.port';
import { Projection, ProjectionTables, shadowTables } from '../projections/projection';
import { SqlExecutor } from '../sql/sql-executor';

const ASSORTED_SIZES = [1, 3, 2, 7, 1, 12, 5, 40];

/**
 * For testing a projection that applies batches: the rows it writes from the same events
 * applied one by one, in batches of assorted sizes, as one batch, and (`opened`) from the same
 * log with personal fields opened. Each should equal what the live runner wrote. The tables are
 * fresh copies beside the live ones, dropped afterwards.
 */
export async function rowsAppliedEveryWay<Rows>(
  db: SqlExecutor,
  schema: string,
  projection: Projection,
  events: { sealed: RecordedEvent[]; opened: RecordedEvent[] },
  rowsOf: (tables: ProjectionTables) => Promise<Rows>,
): Promise<Record<'oneByOne' | 'batched' | 'whole' | 'opened', Rows>> {
  const applyBatch = projection.applyBatch?.bind(projection);
  if (!applyBatch) throw new Error(`${projection.name} does not apply batches`);
  const ways = {
    oneByOne: async (t: ProjectionTables) => {
      for (const event of events.sealed) await projection.apply(db, event, t);
    },
    batched: async (t: ProjectionTables) => {
      for (let at = 0, i = 0; at < events.sealed.length; i++) {
        const size = ASSORTED_SIZES[i % ASSORTED_SIZES.length];
        await applyBatch(db, events.sealed.slice(at, at + size), t);
        at += size;
      }
    },
    whole: (t: ProjectionTables) => applyBatch(db, events.sealed, t),
    opened: (t: ProjectionTables) => applyBatch(db, events.opened, t),
  };
  const rows = {} as Record<keyof typeof ways, Rows>;
  for (const [way, apply] of Object.entries(ways) as [keyof typeof ways, typeof ways.whole][]) {
    const tables = shadowTables(schema, projection, `every_way_${way.toLowerCase()}`);
    await projection.createTables(db, tables);
    try {
      await apply(tables);
      rows[way] = await rowsOf(tables);
    } finally {
      for (const table of Object.values(tables)) await db.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  }
  return rows;
}
