import type { PGlite, Transaction } from '@electric-sql/pglite';
import { SqlExecutor, SqlResult } from './sql-executor';

/** A statement runner inside a PGlite transaction: PGlite has one connection, so nesting joins it. */
class PGliteTransactionExecutor implements SqlExecutor {
  readonly dialect = 'pglite' as const;

  constructor(protected readonly db: Pick<PGlite, 'query' | 'exec'> | Transaction) {}

  async query<R>(sql: string, params?: unknown[]): Promise<SqlResult<R>> {
    const result = await this.db.query<R>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  session<T>(fn: (session: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {}
}

/**
 * Embedded Postgres (WASM). One connection, no fsync: survives a process crash, not a power
 * loss, so it is the zero-setup development default and never production.
 */
export class PGliteExecutor extends PGliteTransactionExecutor {
  constructor(readonly pglite: PGlite) {
    super(pglite);
  }

  static async open(dataDir?: string): Promise<PGliteExecutor> {
    const { PGlite } = await import('@electric-sql/pglite');
    return new PGliteExecutor(dataDir ? await PGlite.create(dataDir) : await PGlite.create());
  }

  override transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn(new PGliteTransactionExecutor(tx)));
  }

  override async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}
