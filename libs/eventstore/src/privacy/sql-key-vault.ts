import { assertSchemaName, SqlExecutor } from '../sql/sql-executor';
import { KeyWrapper } from './key-wrapping';
import { SubjectErasedError, SubjectKeyVault } from './subject-key-vault';

interface CachedKey {
  key: Buffer;
  until: number;
}

/** Told the id of every subject whose key was handed out to open (decrypt) personal data. */
export type KeyReadListener = (subjectId: string) => void;

/** How long a process trusts a key it read, unless configured otherwise. */
export const DEFAULT_KEY_CACHE_MS = 1_000;

/**
 * Data keys in a table beside the events, each wrapped by the master key. Destroying a key nulls
 * its wrapped form and keeps the row, so the subject can never silently get a new key.
 *
 * A process trusts a key it read (and the absence of a destroyed marker) for `cacheMs`, counted
 * from the moment the read started. An erasure that waits `cacheMs` after `destroy` (see
 * `awaitDestroyedEverywhere`) is therefore in force in every process sharing the table.
 */
export class SqlKeyVault implements SubjectKeyVault {
  private readonly cache = new Map<string, CachedKey>();
  private readonly readListeners = new Set<KeyReadListener>();

  constructor(
    private readonly db: SqlExecutor,
    private readonly wrapper: KeyWrapper,
    private readonly schema = 'sportello',
    /** How long another process may keep using a key it has cached after it was destroyed. */
    private readonly cacheMs = DEFAULT_KEY_CACHE_MS,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {
    assertSchemaName(schema);
  }

  /** Resolves once no process can still hold a key destroyed before the call (PRV-13). */
  async awaitDestroyedEverywhere(): Promise<void> {
    if (this.cacheMs > 0) await new Promise((resolve) => setTimeout(resolve, this.cacheMs + 1));
  }

  /** Observes keys handed out by `findKey` (reads), e.g. to log who accessed whose data. */
  onKeyRead(listener: KeyReadListener): () => void {
    this.readListeners.add(listener);
    return () => this.readListeners.delete(listener);
  }

  static ddl(schema: string): string {
    return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.subject_keys (
  subject_id   text        PRIMARY KEY,
  wrapped_key  bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz
);`;
  }

  async init(): Promise<void> {
    await this.db.exec(SqlKeyVault.ddl(this.schema));
  }

  /** The subject's key, created on first use: one read when it exists, a read and an insert when not. */
  async keyFor(subjectId: string): Promise<Buffer> {
    const cached = this.cached(subjectId);
    if (cached) return cached;
    const existing = await this.load(subjectId);
    if (existing === 'destroyed') throw new SubjectErasedError(subjectId);
    if (existing) return existing;
    const started = this.now();
    const fresh = this.wrapper.newDataKey();
    const { rowCount } = await this.db.query(
      `INSERT INTO ${this.schema}.subject_keys (subject_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, this.wrapper.wrap(subjectId, fresh)],
    );
    if (rowCount === 1) {
      this.remember(subjectId, fresh, started);
      return fresh;
    }
    // Another process created it (or an erasure marked it destroyed) since the read.
    const key = await this.load(subjectId);
    if (key === 'destroyed') throw new SubjectErasedError(subjectId);
    if (!key) throw new Error(`The key of subject ${subjectId} could not be created`);
    return key;
  }

  async findKey(subjectId: string): Promise<Buffer | null> {
    const cached = this.cached(subjectId);
    const key = cached ?? (await this.load(subjectId));
    if (!key || key === 'destroyed') return null;
    for (const listener of this.readListeners) listener(subjectId);
    return key;
  }

  async destroy(subjectId: string): Promise<boolean> {
    this.cache.delete(subjectId);
    const { rowCount } = await this.db.query(
      `UPDATE ${this.schema}.subject_keys SET wrapped_key = NULL, destroyed_at = now() WHERE subject_id = $1 AND wrapped_key IS NOT NULL`,
      [subjectId],
    );
    if (rowCount === 0) {
      await this.db.query(
        `INSERT INTO ${this.schema}.subject_keys (subject_id, wrapped_key, destroyed_at) VALUES ($1, NULL, now()) ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId],
      );
    }
    return rowCount > 0;
  }

  async isDestroyed(subjectId: string): Promise<boolean> {
    return (await this.load(subjectId)) === 'destroyed';
  }

  private cached(subjectId: string): Buffer | null {
    const entry = this.cache.get(subjectId);
    if (!entry) return null;
    if (entry.until < this.now()) {
      this.cache.delete(subjectId);
      return null;
    }
    return entry.key;
  }

  private async load(subjectId: string): Promise<Buffer | 'destroyed' | null> {
    const started = this.now();
    const { rows } = await this.db.query<{ wrapped_key: Uint8Array | null }>(
      `SELECT wrapped_key FROM ${this.schema}.subject_keys WHERE subject_id = $1`,
      [subjectId],
    );
    if (rows.length === 0) return null;
    if (!rows[0].wrapped_key) return 'destroyed';
    const key = this.wrapper.unwrap(subjectId, Buffer.from(rows[0].wrapped_key));
    this.remember(subjectId, key, started);
    return key;
  }

  /** Counted from before the read: a destroy committed after it started may not have been seen. */
  private remember(subjectId: string, key: Buffer, started: number): void {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(subjectId, { key, until: started + this.cacheMs });
  }
}
