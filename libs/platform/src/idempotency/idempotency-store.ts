import { Clock } from '@sportello/clock';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { IdempotencySecrets } from './idempotency-secrets';

export interface RememberedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type BeginOutcome =
  | { kind: 'started' }
  | { kind: 'replay'; response: RememberedResponse }
  | { kind: 'different-request' }
  | { kind: 'in-flight' };

interface KeyRow {
  started: boolean;
  fingerprint: string | null;
  state: string | null;
  status: number | null;
  headers: string | null;
  body: Uint8Array | null;
}

export interface IdempotencyStoreOptions {
  schema: string;
  ttlHours: number;
  /** How long a request may hold its key before a retry may take it over (after a crash). */
  leaseMs?: number;
}

/**
 * Idempotency keys in PostgreSQL/PGlite, so a replay survives a restart and is shared by every
 * API process. A key belongs to one caller; it is kept at least `ttlHours`, then purged.
 */
export class IdempotencyStore {
  private readonly table: string;
  private readonly leaseMs: number;

  constructor(
    private readonly db: SqlExecutor,
    private readonly clock: Clock,
    private readonly secrets: IdempotencySecrets,
    private readonly options: IdempotencyStoreOptions,
  ) {
    this.table = `${assertSchemaName(options.schema)}.idempotency_keys`;
    this.leaseMs = options.leaseMs ?? 120_000;
  }

  static ddl(schema: string): string {
    return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.idempotency_keys (
  scope        text        NOT NULL,
  key          text        NOT NULL,
  fingerprint  text        NOT NULL,
  state        text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
  status       integer,
  headers      text,
  body         bytea,
  created_at   timestamptz NOT NULL,
  locked_until timestamptz,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON ${schema}.idempotency_keys (expires_at);`;
  }

  async init(): Promise<void> {
    await this.db.exec(IdempotencyStore.ddl(this.options.schema));
  }

  /**
   * Claims the key for this request in one statement, or says why not: the first response is
   * to be replayed, the key was used for another request, or that request is still running.
   */
  async begin(scope: string, key: string, fingerprint: string): Promise<BeginOutcome> {
    const now = this.clock.now();
    const { rows } = await this.db.query<KeyRow>(
      `WITH claimed AS (
         INSERT INTO ${this.table} AS k
           (scope, key, fingerprint, state, created_at, locked_until, expires_at)
         VALUES ($1, $2, $3, 'in_flight', $4, $5, $6)
         ON CONFLICT (scope, key) DO UPDATE SET
           fingerprint = EXCLUDED.fingerprint, state = 'in_flight', status = NULL,
           headers = NULL, body = NULL, created_at = EXCLUDED.created_at,
           locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= $4
            OR (k.state = 'in_flight' AND k.locked_until <= $4 AND k.fingerprint = $3)
         RETURNING true AS started
       )
       SELECT true AS started, NULL AS fingerprint, NULL AS state, NULL::integer AS status,
              NULL AS headers, NULL::bytea AS body
         FROM claimed
       UNION ALL
       SELECT false, fingerprint, state, status, headers, body
         FROM ${this.table}
        WHERE scope = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [
        scope,
        key,
        fingerprint,
        now.toISOString(),
        new Date(now.getTime() + this.leaseMs).toISOString(),
        new Date(now.getTime() + this.options.ttlHours * 3_600_000).toISOString(),
      ],
    );
    const row = rows[0];
    // No row: another request claimed the key after this statement's snapshot was taken.
    if (!row) return { kind: 'in-flight' };
    if (row.started) return { kind: 'started' };
    if (row.fingerprint !== fingerprint) return { kind: 'different-request' };
    if (row.state !== 'completed' || row.status === null) return { kind: 'in-flight' };
    return {
      kind: 'replay',
      response: {
        status: row.status,
        headers: JSON.parse(row.headers ?? '{}') as Record<string, string>,
        body: row.body ? this.secrets.open(`${scope}\n${key}`, Buffer.from(row.body)) : null,
      },
    };
  }

  async complete(scope: string, key: string, response: RememberedResponse): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table}
          SET state = 'completed', status = $3, headers = $4, body = $5, locked_until = NULL
        WHERE scope = $1 AND key = $2 AND state = 'in_flight'`,
      [
        scope,
        key,
        response.status,
        JSON.stringify(response.headers),
        this.secrets.seal(`${scope}\n${key}`, response.body),
      ],
    );
  }

  /** Frees the key after a refused or failed request, so that a corrected retry can run. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.query(
      `DELETE FROM ${this.table} WHERE scope = $1 AND key = $2 AND state = 'in_flight'`,
      [scope, key],
    );
  }

  /** Deletes every key past its retention; returns how many. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM ${this.table} WHERE expires_at <= $1`, [
      this.clock.now().toISOString(),
    ]);
    return rowCount;
  }
}
