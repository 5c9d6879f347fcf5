import { assertSchemaName, SignedDigest, SqlExecutor } from '@sportello/eventstore';

/** A digest as kept by the service: the day it covers and the signed document. */
export type DatedDigest = SignedDigest & { date: string };

export interface DigestSummary {
  date: string;
  createdAt: string;
  streams: number;
  root: string;
  keyId: string;
}

const DIGESTS_DDL_LOCK = 0x53_41_55_44; // 'SAUD'

/** One signed digest per day; never updated once taken. */
export class DigestStore {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  /** The API and the worker may start together: the table is created under a lock. */
  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [DIGESTS_DDL_LOCK]);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS ${this.schema};
        CREATE TABLE IF NOT EXISTS ${this.schema}.audit_digests (
          digest_date date        PRIMARY KEY,
          created_at  timestamptz NOT NULL,
          key_id      text        NOT NULL,
          digest      json        NOT NULL
        );`);
    });
  }

  /** True when stored; false when that day already had one (the first one stays). */
  async save(date: string, digest: SignedDigest): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO ${this.schema}.audit_digests (digest_date, created_at, key_id, digest)
       VALUES ($1, $2, $3, $4::json) ON CONFLICT (digest_date) DO NOTHING`,
      [date, digest.createdAt, digest.keyId, JSON.stringify(digest)],
    );
    return rowCount === 1;
  }

  async find(date: string): Promise<DatedDigest | null> {
    const { rows } = await this.db.query<{ digest: string }>(
      `SELECT digest::text AS digest FROM ${this.schema}.audit_digests WHERE digest_date = $1`,
      [date],
    );
    return rows[0] ? { date, ...(JSON.parse(rows[0].digest) as SignedDigest) } : null;
  }

  async list(limit: number): Promise<DigestSummary[]> {
    const { rows } = await this.db.query<DigestSummary>(
      `SELECT to_char(digest_date, 'YYYY-MM-DD') AS date, digest->>'createdAt' AS "createdAt",
              (digest->>'streams')::int AS streams, digest->>'root' AS root, key_id AS "keyId"
         FROM ${this.schema}.audit_digests ORDER BY digest_date DESC LIMIT $1`,
      [limit],
    );
    return rows;
  }

  async lastDate(): Promise<string | null> {
    const { rows } = await this.db.query<{ date: string | null }>(
      `SELECT to_char(max(digest_date), 'YYYY-MM-DD') AS date FROM ${this.schema}.audit_digests`,
    );
    return rows[0]?.date ?? null;
  }
}
