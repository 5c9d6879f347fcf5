/** The little of a SQL client that Sportello needs; `pg` and PGlite both provide it. */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

export interface SqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  /** `name` makes a hot statement prepared once per connection (where the driver can). */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { name?: string },
  ): Promise<SqlResult<R>>;
  /** Runs several statements with no parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs `fn` on one dedicated connection (for session-level advisory locks). */
  session<T>(fn: (session: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const SQL_EXECUTOR = Symbol('SQL_EXECUTOR');

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL, so only plain identifiers are accepted. */
export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name: ${JSON.stringify(schema)}`);
  return schema;
}
