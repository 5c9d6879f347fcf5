import {
  assertSchemaName,
  SealingEventStore,
  SqlExecutor,
  StoredEvent,
} from '@sportello/eventstore';
import { SUBJECT_STREAMS_PROJECTION } from '../../read-models/subject-streams.projection';

const PAGE = 1_000;

export interface SubjectStreamRecords {
  stream: string;
  /** As stored: personal fields still sealed. */
  events: StoredEvent[];
}

/**
 * The streams of one data subject, by index: the `subject_streams` read model, plus the few
 * events the projection has not applied yet (read from its checkpoint), so a filing made a
 * moment ago is never missed by an export or an erasure.
 */
export class SubjectStreams {
  private readonly schema: string;

  constructor(
    private readonly db: SqlExecutor,
    private readonly store: SealingEventStore,
    schema: string,
  ) {
    this.schema = assertSchemaName(schema);
  }

  async streamsOf(subjectId: string): Promise<string[]> {
    const streams = new Set<string>();
    const { rows } = await this.db.query<{ stream: string }>(
      `SELECT stream FROM ${this.schema}.subject_streams WHERE subject_id = $1`,
      [subjectId],
    );
    for (const row of rows) streams.add(row.stream);
    for await (const event of this.unprojected())
      if ((event.metadata.subjectIds as string[] | undefined)?.includes(subjectId))
        streams.add(event.stream);
    return [...streams].sort();
  }

  async read(stream: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let from = 0; ;) {
      const page = await this.store.storage.readStream(stream, {
        direction: 'forwards',
        fromRevision: from,
        maxCount: PAGE,
      });
      events.push(...page);
      if (page.length < PAGE) return events;
      from = page[page.length - 1].revision + 1;
    }
  }

  async records(subjectId: string): Promise<SubjectStreamRecords[]> {
    const streams = await this.streamsOf(subjectId);
    return Promise.all(
      streams.map(async (stream) => ({ stream, events: await this.read(stream) })),
    );
  }

  private async *unprojected(): AsyncGenerator<StoredEvent> {
    const { rows } = await this.db.query<{ checkpoint: string | null }>(
      `SELECT checkpoint FROM ${this.schema}.projection_checkpoints WHERE name = $1`,
      [SUBJECT_STREAMS_PROJECTION],
    );
    let checkpoint = rows[0]?.checkpoint ?? null;
    const storage = this.store.storage;
    // Not readAll: its horizon would hide an event committed a moment ago while an unrelated
    // transaction is still running, and an export or an erasure must see it.
    const read = (from: string | null) =>
      storage.readAllCommitted ? storage.readAllCommitted(from, PAGE) : storage.readAll(from, PAGE);
    for (;;) {
      const page = await read(checkpoint);
      yield* page.events;
      if (page.events.length < PAGE || page.checkpoint === checkpoint) return;
      checkpoint = page.checkpoint;
    }
  }
}
