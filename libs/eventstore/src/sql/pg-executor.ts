import { Pool, PoolClient, PoolConfig } from 'pg';
import { EventStoreUnavailableError } from '../errors';
import { SqlExecutor, SqlResult } from './sql-executor';

/** Connection-level failures: the database is down or unreachable, not a bad statement. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e?.message ?? '',
  );
}

function translate(error: unknown): unknown {
  return isUnavailable(error)
    ? new EventStoreUnavailableError('The database is unavailable', { cause: error })
    : error;
}

abstract class PgQueryable implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  protected abstract run(
    sql: string,
    params?: unknown[],
    name?: string,
  ): Promise<{ rows: unknown[]; rowCount: number | null }>;

  async query<R>(
    sql: string,
    params?: unknown[],
    options?: { name?: string },
  ): Promise<SqlResult<R>> {
    try {
      const result = await this.run(sql, params, options?.name);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw translate(error);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  abstract transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  abstract session<T>(fn: (session: SqlExecutor) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
}

class PgClientExecutor extends PgQueryable {
  constructor(private readonly client: PoolClient) {
    super();
  }

  protected run(sql: string, params?: unknown[], name?: string) {
    return this.client.query(
      name ? { name, text: sql, values: params } : { text: sql, values: params },
    );
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await fn(this);
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  session<T>(fn: (session: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {}
}

/** `pg` pool. Statements never rely on SQL exceptions for expected outcomes (see PERFORMANCE.md). */
export class PgExecutor extends PgQueryable {
  readonly pool: Pool;

  constructor(config: PoolConfig | string) {
    super();
    this.pool = new Pool(
      typeof config === 'string' ? { connectionString: config, max: 16 } : config,
    );
    // An idle client losing its server must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  protected run(sql: string, params?: unknown[], name?: string) {
    return this.pool.query(
      name ? { name, text: sql, values: params } : { text: sql, values: params },
    );
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.session((session) => session.transaction(fn));
  }

  async session<T>(fn: (session: SqlExecutor) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error);
    }
    // A checked-out client whose server goes away emits 'error' between queries; unheard, that
    // would crash the process. Its next query then fails as unavailable and it is discarded.
    const ignore = () => undefined;
    client.on('error', ignore);
    let failure: unknown;
    try {
      return await fn(new PgClientExecutor(client));
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      client.off('error', ignore);
      // A connection that broke is discarded; one that saw an ordinary error is reused.
      client.release(
        failure !== undefined && isUnavailable(failure) ? (failure as Error) : undefined,
      );
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
