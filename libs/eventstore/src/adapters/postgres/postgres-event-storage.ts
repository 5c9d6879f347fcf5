import { GENESIS_HASH } from '../../envelope/hash-chain';
import { InvalidCheckpointError } from '../../errors';
import { Checkpoint, Direction, ExpectedRevision } from '../../port/event-store.port';
import {
  AppendOutcome,
  EventStorage,
  SealedEvent,
  StoredEvent,
} from '../../port/event-storage.spi';
import { assertSchemaName, SqlExecutor } from '../../sql/sql-executor';
import {
  appendOneFastSql,
  eventStoreDdl,
  headSql,
  readAllCommittedSql,
  readAllSql,
  readStreamBackwardsSql,
  readStreamForwardsSql,
  streamHeadsSql,
} from './event-store.sql';

interface EventRow {
  tx: string;
  pos: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
}

/** PostgreSQL and PGlite: the same SQL, through whichever executor is given. */
export class PostgresEventStorage implements EventStorage {
  readonly backend: string;
  private readonly sql: ReturnType<typeof statements>;

  constructor(
    private readonly db: SqlExecutor,
    readonly schema = 'sportello',
  ) {
    assertSchemaName(schema);
    this.backend = db.dialect;
    this.sql = statements(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(eventStoreDdl(this.schema));
  }

  async appendSealed(
    stream: string,
    events: SealedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome> {
    const kind = typeof expected === 'number' ? 'revision' : expected;
    const expectedRevision = typeof expected === 'number' ? expected : null;
    if (events.length === 1) {
      const params = appendOneParams(stream, kind, expectedRevision, events[0]);
      // PGlite prepares nothing, so there the function (whose plans plpgsql caches) is faster.
      if (this.db.dialect === 'postgres') {
        const fast = await this.db.query<AppendRow>(this.sql.appendOneFast, params, {
          name: this.sql.appendOneFastName,
        });
        if (fast.rows.length === 1) return toOutcome(fast.rows[0]);
      }
      // Nothing inserted: a retry, a wrong revision, or a race. The locked function says which.
      const { rows } = await this.db.query<AppendRow>(this.sql.appendOne, params, {
        name: this.sql.appendOneName,
      });
      return this.outcomeOf(rows[0], events);
    }
    const { rows } = await this.db.query<AppendRow>(this.sql.append, [
      stream,
      kind,
      expectedRevision,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
      events[0].metadata.recordedAt,
      events.map((e) => Buffer.from(e.contentHash, 'hex')),
    ]);
    return this.outcomeOf(rows[0], events);
  }

  private outcomeOf(row: AppendRow, events: SealedEvent[]): AppendOutcome {
    const revision = row.revision === null ? null : Number(row.revision);
    switch (row.status) {
      case 'appended':
      case 'duplicate':
        return toOutcome(row);
      case 'wrong_expected_revision':
        return { status: 'wrong_expected_revision', actualRevision: revision };
      default:
        throw new Error(
          `Event id ${events[events.length - 1].id} already belongs to another stream`,
        );
    }
  }

  async readStream(
    stream: string,
    options: { direction: Direction; fromRevision?: number; maxCount: number },
  ): Promise<StoredEvent[]> {
    const forwards = options.direction === 'forwards';
    const from = options.fromRevision ?? (forwards ? 0 : Number.MAX_SAFE_INTEGER);
    const { rows } = await this.db.query<EventRow>(
      forwards ? this.sql.readForwards : this.sql.readBackwards,
      [stream, from, Math.min(options.maxCount, Number.MAX_SAFE_INTEGER)],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(
    fromCheckpoint: Checkpoint | null,
    maxCount: number,
  ): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }> {
    const [tx, pos] = parseCheckpoint(fromCheckpoint);
    const { rows } = await this.db.query<EventRow>(this.sql.readAll, [tx, pos, maxCount]);
    const events = rows.map(toStoredEvent);
    return {
      events,
      checkpoint: events.length ? events[events.length - 1].position : fromCheckpoint,
    };
  }

  async readAllCommitted(
    fromCheckpoint: Checkpoint | null,
    maxCount: number,
  ): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }> {
    const [tx, pos] = parseCheckpoint(fromCheckpoint);
    const { rows } = await this.db.query<EventRow>(this.sql.readAllCommitted, [tx, pos, maxCount]);
    const events = rows.map(toStoredEvent);
    return {
      events,
      checkpoint: events.length ? events[events.length - 1].position : fromCheckpoint,
    };
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    const { rows } = await this.db.query<{ tx: string; pos: string }>(this.sql.head);
    return rows.length ? `${rows[0].tx}:${rows[0].pos}` : null;
  }

  async loadCheckpoint(subscription: string): Promise<Checkpoint | null> {
    const { rows } = await this.db.query<{ checkpoint: string }>(this.sql.loadCheckpoint, [
      subscription,
    ]);
    return rows[0]?.checkpoint ?? null;
  }

  async saveCheckpoint(subscription: string, checkpoint: Checkpoint): Promise<void> {
    await this.db.query(this.sql.saveCheckpoint, [subscription, checkpoint]);
  }

  async *streamHeads(): AsyncIterable<{ stream: string; revision: number; hash: string }> {
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<{ stream: string; revision: number; hash: string }>(
        this.sql.streamHeads,
        [after, 1_000],
      );
      yield* rows;
      if (rows.length < 1_000) return;
      after = rows[rows.length - 1].stream;
    }
  }

  /** Positions come from one sequence, so their gap counts the events (less rolled-back ones). */
  eventsBetween(from: Checkpoint | null, to: Checkpoint): number {
    return Number(BigInt(parseCheckpoint(to)[1]) - BigInt(parseCheckpoint(from)[1]));
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    const [ta, pa] = parseCheckpoint(a).map(BigInt);
    const [tb, pb] = parseCheckpoint(b).map(BigInt);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return pa === pb ? 0 : pa < pb ? -1 : 1;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

interface AppendRow {
  status: string;
  revision: string | null;
  checkpoint: string | null;
}

function toOutcome(row: AppendRow): AppendOutcome {
  return {
    status: row.status === 'duplicate' ? 'duplicate' : 'appended',
    nextExpectedRevision: Number(row.revision),
    position: row.checkpoint as string,
  };
}

function appendOneParams(
  stream: string,
  kind: string,
  expected: number | null,
  e: SealedEvent,
): unknown[] {
  return [
    stream,
    kind,
    expected,
    e.id,
    e.type,
    e.schemaVersion,
    JSON.stringify(e.data),
    JSON.stringify(e.metadata),
    e.metadata.recordedAt,
    Buffer.from(e.contentHash, 'hex'),
  ];
}

function statements(S: string) {
  return {
    appendOneName: `${S}.append_event`,
    appendOneFastName: `${S}.append_event_fast`,
    appendOneFast: appendOneFastSql(S),
    appendOne: `SELECT status, revision::text AS revision, checkpoint FROM ${S}.append_event($1, $2, $3, $4::uuid, $5, $6::int, $7, $8, $9::timestamptz, $10::bytea)`,
    append: `SELECT status, revision::text AS revision, checkpoint FROM ${S}.append_events($1, $2, $3, $4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[], $9::timestamptz, $10::bytea[])`,
    readForwards: readStreamForwardsSql(S),
    readBackwards: readStreamBackwardsSql(S),
    readAll: readAllSql(S),
    readAllCommitted: readAllCommittedSql(S),
    head: headSql(S),
    streamHeads: streamHeadsSql(S),
    loadCheckpoint: `SELECT checkpoint FROM ${S}.subscription_checkpoints WHERE name = $1`,
    saveCheckpoint: `INSERT INTO ${S}.subscription_checkpoints (name, checkpoint, updated_at) VALUES ($1, $2, now())
      ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = EXCLUDED.updated_at`,
  };
}

function parseCheckpoint(checkpoint: Checkpoint | null): [string, string] {
  if (checkpoint === null) return ['0', '0'];
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new InvalidCheckpointError('PostgreSQL');
  return [match[1], match[2]];
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: Number(row.revision),
    position: `${row.tx}:${row.pos}`,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    prevHash: row.prev_hash ?? GENESIS_HASH,
    hash: row.hash,
  };
}
