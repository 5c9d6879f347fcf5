import { Clock } from '@sportello/clock';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

export interface PersonalDataAccess {
  subjectId: string;
  actorId: string;
  role: string;
  method: string;
  /** The route template (`/v1/complaints/:id`): never the concrete URL or its query. */
  route: string;
  requestId: string;
  at: string;
}

const FLUSH_MS = 200;
const MAX_BUFFER = 5_000;

/**
 * Every time an authenticated person's request opened a subject's personal data (issue 8: an
 * export lists every access by an operator). Written behind the request in small batches, so a
 * command pays no round trip for it; `flush` before reading. Ids and route templates only.
 */
export class AccessLog {
  private readonly table: string;
  private buffer: PersonalDataAccess[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: SqlExecutor,
    schema: string,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.table = `${assertSchemaName(schema)}.privacy_access_log`;
  }

  static ddl(schema: string): string {
    return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.privacy_access_log (
  subject_id  text        NOT NULL,
  actor_id    text        NOT NULL,
  role        text        NOT NULL,
  method      text        NOT NULL,
  route       text        NOT NULL,
  request_id  text        NOT NULL,
  accessed_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS privacy_access_log_subject ON ${schema}.privacy_access_log (subject_id, accessed_at);`;
  }

  record(subjects: Iterable<string>, who: Omit<PersonalDataAccess, 'subjectId' | 'at'>): void {
    const at = this.clock.now().toISOString();
    for (const subjectId of subjects) this.buffer.push({ ...who, subjectId, at });
    if (this.buffer.length >= MAX_BUFFER) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is buffered; resolves once everything recorded before the call is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(() => (batch.length ? this.write(batch) : undefined));
    return this.flushing;
  }

  async of(subjectId: string): Promise<PersonalDataAccess[]> {
    await this.flush();
    const { rows } = await this.db.query<{
      subject_id: string;
      actor_id: string;
      role: string;
      method: string;
      route: string;
      request_id: string;
      accessed_at: Date | string;
    }>(`SELECT * FROM ${this.table} WHERE subject_id = $1 ORDER BY accessed_at, request_id`, [
      subjectId,
    ]);
    return rows.map((r) => ({
      subjectId: r.subject_id,
      actorId: r.actor_id,
      role: r.role,
      method: r.method,
      route: r.route,
      requestId: r.request_id,
      at: new Date(r.accessed_at).toISOString(),
    }));
  }

  private async write(batch: PersonalDataAccess[]): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO ${this.table} (subject_id, actor_id, role, method, route, request_id, accessed_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])`,
        [
          batch.map((a) => a.subjectId),
          batch.map((a) => a.actorId),
          batch.map((a) => a.role),
          batch.map((a) => a.method),
          batch.map((a) => a.route),
          batch.map((a) => a.requestId),
          batch.map((a) => a.at),
        ],
      );
    } catch (error) {
      this.onError(error);
    }
  }
}
