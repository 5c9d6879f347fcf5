import { RecordedEvent } from '../port/event-store.port';
import { SqlExecutor } from '../sql/sql-executor';
import { Projection, ProjectionTables } from './projection';

/**
 * A read-model row as plain JSON values, keyed by column name: a row read back from the table
 * holds what `row_to_json` gives (instants and dates as ISO text, numbers as numbers).
 */
export type Row = Readonly<Record<string, unknown>>;

/**
 * A read model with one row per key, written as a pure fold: `fold(row, event)` gives the row
 * after the event. The same fold serves one event (live) and a batch (rebuild): a batch reads
 * the rows it touches once, folds every event in memory and writes each changed row once.
 */
export interface RowFold {
  /** The logical table (one of the projection's `tables`). */
  readonly table: string;
  /** Its primary-key column and that column's SQL type. */
  readonly key: { readonly column: string; readonly type: string };
  /** The key of the row an event changes, or null when this read model ignores the event. */
  keyOf(event: RecordedEvent): string | null;
  /**
   * The row after the event, `undefined` for no row (deleted, or not yet created). A new row
   * must name every column: a missing one is written as NULL, not as its default.
   */
  fold(row: Row | undefined, event: RecordedEvent): Row | undefined;
}

/**
 * The usual shape of a ticket's row: made by one event type (seen twice, the first stays), then
 * changed by the others, each also stamping `revision` and `updated_at`; before it, no row.
 */
export function createdThenTouched<E extends RecordedEvent, C extends E['type']>(spec: {
  createdBy: C;
  create: (event: Extract<E, { type: C }>, at: string) => Row;
  touch: (touched: Row, event: E) => Row;
}): (row: Row | undefined, event: E) => Row | undefined {
  return (row, event) => {
    const at = event.metadata.recordedAt;
    if (event.type === spec.createdBy)
      return row ?? spec.create(event as Extract<E, { type: C }>, at);
    if (!row) return undefined;
    return spec.touch({ ...row, revision: event.revision, updated_at: at }, event);
  };
}

const COLUMN = /^[a-z_][a-z0-9_]{0,62}$/;

function column(name: string): string {
  if (!COLUMN.test(name)) throw new Error(`Invalid column name: ${JSON.stringify(name)}`);
  return name;
}

/** `apply` and `applyBatch` for a projection written as a row fold. */
export function rowFoldWriter(spec: RowFold): Pick<Projection, 'apply' | 'applyBatch'> {
  const keyColumn = column(spec.key.column);
  if (!COLUMN.test(spec.key.type)) throw new Error(`Invalid key type: ${spec.key.type}`);

  const applyBatch = async (
    db: SqlExecutor,
    events: readonly RecordedEvent[],
    t: ProjectionTables,
  ): Promise<void> => {
    const table = t[spec.table];
    const keyed: [string, RecordedEvent][] = [];
    for (const event of events) {
      const key = spec.keyOf(event);
      if (key !== null) keyed.push([key, event]);
    }
    if (keyed.length === 0) return;

    // As JSON, as PostgreSQL writes it: read back by json_populate_recordset unchanged (a driver
    // would turn a `date` into a local-midnight Date, written back as the day before east of UTC).
    const { rows } = await db.query<{ row: Record<string, unknown> }>(
      `SELECT row_to_json(t) AS row FROM ${table} t WHERE t.${keyColumn} = ANY($1::${spec.key.type}[])`,
      [[...new Set(keyed.map(([key]) => key))]],
    );
    const current = new Map<string, Row | undefined>(
      rows.map(({ row }) => [String(row[keyColumn]), row]),
    );
    const existed = new Set(current.keys());
    const changed = new Set<string>();
    for (const [key, event] of keyed) {
      const before = current.get(key);
      const after = spec.fold(before, event);
      if (after === before) continue;
      current.set(key, after);
      changed.add(key);
    }

    const upserts: Row[] = [];
    const deletes: string[] = [];
    for (const key of changed) {
      const row = current.get(key);
      if (row) upserts.push(row);
      else if (existed.has(key)) deletes.push(key);
    }
    if (deletes.length)
      await db.query(`DELETE FROM ${table} WHERE ${keyColumn} = ANY($1::${spec.key.type}[])`, [
        deletes,
      ]);
    if (upserts.length === 0) return;
    const columns = [...new Set(upserts.flatMap((row) => Object.keys(row)))].map(column);
    const others = columns.filter((c) => c !== keyColumn);
    const list = columns.join(', ');
    await db.query(
      `INSERT INTO ${table} (${list})
       SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)
       ON CONFLICT (${keyColumn}) DO ${
         others.length
           ? `UPDATE SET (${others.join(', ')}) = ROW(${others.map((c) => `EXCLUDED.${c}`).join(', ')})`
           : 'NOTHING'
       }`,
      [JSON.stringify(upserts)],
    );
  };

  return {
    applyBatch,
    apply: (db, event, t) => applyBatch(db, [event], t),
  };
}
