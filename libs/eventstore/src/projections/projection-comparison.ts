import { Checkpoint } from '../port/event-store.port';
import { SqlExecutor } from '../sql/sql-executor';
import { SealingEventStore } from '../store/sealing-event-store';
import { liveTables, Projection } from './projection';
import { createShadowTables, ShadowTables } from './shadow-build';

/** One row that differs between the live table and the copy rebuilt from the log. */
export type ProjectionDifference =
  | { table: string; key: Record<string, unknown>; kind: 'missing_in_live'; rebuilt: unknown }
  | { table: string; key: Record<string, unknown>; kind: 'unexpected_in_live'; live: unknown }
  | {
      table: string;
      key: Record<string, unknown>;
      kind: 'changed';
      columns: { column: string; live: unknown; rebuilt: unknown }[];
    };

export interface ProjectionComparison {
  projection: string;
  /** The live checkpoint both sides were compared at. */
  checkpoint: Checkpoint | null;
  eventsApplied: number;
  tables: { table: string; primaryKey: string[]; liveRows: number; rebuiltRows: number }[];
  /** Every difference found (the list stops at `maxDifferences`). */
  differenceCount: number;
  differences: ProjectionDifference[];
  truncated: boolean;
}

export interface CompareOptions {
  schema: string;
  batchSize?: number;
  /** How many differences to list (all are counted). */
  maxDifferences?: number;
  /** How often to retry when the live projection moves while the rows are compared. */
  attempts?: number;
  onProgress?: (eventsRead: number) => void;
}

/** The live projection kept moving: no quiet moment to compare both sides at one checkpoint. */
export class ProjectionKeptMovingError extends Error {
  constructor(projection: string) {
    super(`Projection ${projection} kept moving during the comparison; try again`);
    this.name = 'ProjectionKeptMovingError';
  }
}

async function liveCheckpoint(
  db: SqlExecutor,
  schema: string,
  projection: Projection,
): Promise<Checkpoint | null> {
  const { rows } = await db.query<{ checkpoint: string | null }>(
    `SELECT checkpoint FROM ${schema}.projection_checkpoints WHERE name = $1`,
    [projection.name],
  );
  return rows[0]?.checkpoint ?? null;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The primary-key columns of a table, in key order; empty when it has none. */
export async function primaryKeyOf(db: SqlExecutor, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column: string }>(
    `SELECT a.attname AS column
       FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [table],
  );
  return rows.map((row) => row.column);
}

async function countRows(db: SqlExecutor, table: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0].n);
}

/**
 * Compares one table row by row, keyed by its primary key (the whole row where it has none),
 * in SQL: only the differing rows travel to the client.
 */
async function diffTable(
  db: SqlExecutor,
  logical: string,
  live: string,
  rebuilt: string,
  primaryKey: string[],
  limit: number,
): Promise<{ count: number; differences: ProjectionDifference[] }> {
  const key = primaryKey.length ? primaryKey.map(quote) : null;
  const on = key
    ? key.map((column) => `l.${column} = s.${column}`).join(' AND ')
    : 'to_jsonb(l.*) = to_jsonb(s.*)';
  // A side missing from the outer join reads as a NULL row.
  const present = (side: 'l' | 's') => `to_jsonb(${side}.*) IS NOT NULL`;
  const order = key ? key.map((column) => `COALESCE(l.${column}, s.${column})`).join(', ') : '1';
  const { rows } = await db.query<{
    live: Record<string, unknown> | null;
    rebuilt: Record<string, unknown> | null;
    in_live: boolean;
    in_rebuilt: boolean;
    total: string;
  }>(
    `SELECT to_jsonb(l.*) AS live, to_jsonb(s.*) AS rebuilt, ${present('l')} AS in_live,
            ${present('s')} AS in_rebuilt, count(*) OVER ()::text AS total
       FROM ${live} l FULL OUTER JOIN ${rebuilt} s ON ${on}
      WHERE NOT (${present('l')}) OR NOT (${present('s')}) OR to_jsonb(l.*) IS DISTINCT FROM to_jsonb(s.*)
      ORDER BY ${order}
      LIMIT $1`,
    [limit],
  );
  const keyOf = (row: Record<string, unknown>) =>
    Object.fromEntries(
      (primaryKey.length ? primaryKey : Object.keys(row)).map((column) => [column, row[column]]),
    );
  const differences = rows.map((row): ProjectionDifference => {
    if (!row.in_live)
      return {
        table: logical,
        key: keyOf(row.rebuilt!),
        kind: 'missing_in_live',
        rebuilt: row.rebuilt,
      };
    if (!row.in_rebuilt)
      return { table: logical, key: keyOf(row.live!), kind: 'unexpected_in_live', live: row.live };
    const l = row.live!;
    const s = row.rebuilt!;
    const columns = [...new Set([...Object.keys(l), ...Object.keys(s)])]
      .filter((column) => JSON.stringify(l[column]) !== JSON.stringify(s[column]))
      .map((column) => ({ column, live: l[column] ?? null, rebuilt: s[column] ?? null }));
    return { table: logical, key: keyOf(l), kind: 'changed', columns };
  });
  return { count: rows.length ? Number(rows[0].total) : 0, differences };
}

/**
 * Rebuilds a projection from position zero into shadow tables — without swapping them in — up
 * to the live projection's checkpoint, then compares both sides row by row inside one
 * read-only snapshot where the live checkpoint is still that one. The live runner keeps
 * working meanwhile; the shadow tables are dropped at the end.
 */
export async function compareWithLive(
  db: SqlExecutor,
  store: SealingEventStore,
  projection: Projection,
  options: CompareOptions,
): Promise<ProjectionComparison> {
  const live = liveTables(options.schema, projection);
  const maxDifferences = options.maxDifferences ?? 1_000;
  const open = () =>
    createShadowTables(db, store, projection, {
      schema: options.schema,
      batchSize: options.batchSize,
      onProgress: options.onProgress,
    });
  let shadow: ShadowTables = await open();
  try {
    for (let attempt = 0; attempt < (options.attempts ?? 10); attempt++) {
      const target = await liveCheckpoint(db, options.schema, projection);
      const ahead =
        shadow.checkpoint !== null &&
        (target === null || store.storage.compareCheckpoints(shadow.checkpoint, target) > 0);
      if (ahead) {
        // The live side went back (it was rebuilt meanwhile): start the copy again.
        await shadow.drop();
        shadow = await open();
      }
      if (target !== null) await shadow.applyUpTo(target);
      const compared = await db.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        if ((await liveCheckpoint(tx, options.schema, projection)) !== target) return null;
        const tables: ProjectionComparison['tables'] = [];
        const differences: ProjectionDifference[] = [];
        let differenceCount = 0;
        for (const logical of projection.tables) {
          const primaryKey = await primaryKeyOf(tx, live[logical]);
          const diff = await diffTable(
            tx,
            logical,
            live[logical],
            shadow.tables[logical],
            primaryKey,
            Math.max(1, maxDifferences - differences.length),
          );
          differenceCount += diff.count;
          differences.push(...diff.differences.slice(0, maxDifferences - differences.length));
          tables.push({
            table: logical,
            primaryKey,
            liveRows: await countRows(tx, live[logical]),
            rebuiltRows: await countRows(tx, shadow.tables[logical]),
          });
        }
        return { tables, differences, differenceCount };
      });
      if (compared)
        return {
          projection: projection.name,
          checkpoint: target,
          eventsApplied: shadow.applied,
          tables: compared.tables,
          differenceCount: compared.differenceCount,
          differences: compared.differences,
          truncated: compared.differenceCount > compared.differences.length,
        };
    }
    throw new ProjectionKeptMovingError(projection.name);
  } finally {
    await shadow.drop();
  }
}
