import {
  BACKWARDS,
  DeadlineExceededError,
  END,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamNotFoundError,
  streamNameFilter,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { chainHash, GENESIS_HASH } from '../../envelope/hash-chain';
import { EventStoreUnavailableError } from '../../errors';
import { Checkpoint, Direction, ExpectedRevision } from '../../port/event-store.port';
import {
  AppendOutcome,
  EventStorage,
  SealedEvent,
  StoredEvent,
} from '../../port/event-storage.spi';
import { checkExpectedRevision } from '../expected-revision';
import {
  CHECKPOINT_STREAM_PREFIX,
  compareCheckpoints,
  formatCheckpoint,
  fromKurrentRecord,
  isSportelloRecord,
  KurrentRecord,
  parseCheckpoint,
  toKurrentEvent,
  USER_STREAMS_REGEX,
} from './kurrentdb-mapping';

const APPEND_ATTEMPTS = 5;

function unavailable(error: unknown): unknown {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError
  ) {
    return new EventStoreUnavailableError('KurrentDB is unavailable', { cause: error });
  }
  return error;
}

/**
 * KurrentDB / EventStoreDB (gRPC, `@kurrent/kurrentdb-client`). The server orders and stores;
 * the hash chain is linked here, so every append is guarded by the revision just read: no other
 * writer can slip in between the link and the write.
 */
export class KurrentDbEventStorage implements EventStorage {
  readonly backend = 'kurrentdb';
  private readonly client: KurrentDBClient;
  private readonly cappedCheckpointStreams = new Set<string>();

  constructor(connection: string | KurrentDBClient) {
    this.client =
      typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
  }

  async init(): Promise<void> {
    await this.headCheckpoint();
  }

  async appendSealed(
    stream: string,
    events: SealedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome> {
    try {
      for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
        const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
        const head = last ? last.revision : null;
        const mayBeRetry =
          expected === 'any' ||
          expected === 'stream_exists' ||
          !checkExpectedRevision(expected, head);
        if (mayBeRetry) {
          const earlier = await this.findEvent(stream, events[events.length - 1].id);
          if (earlier)
            return {
              status: 'duplicate',
              nextExpectedRevision: earlier.revision,
              position: earlier.position,
            };
        }
        if (!checkExpectedRevision(expected, head))
          return { status: 'wrong_expected_revision', actualRevision: head };

        let prevHash = last?.hash ?? GENESIS_HASH;
        const data = events.map((event) => {
          const hash = chainHash(prevHash, event.contentHash);
          const written = jsonEvent(toKurrentEvent(event, prevHash, hash));
          prevHash = hash;
          return written;
        });
        try {
          const result = await this.client.appendToStream(stream, data, {
            streamState: head === null ? NO_STREAM : BigInt(head),
          });
          const position = result.position
            ? formatCheckpoint(result.position)
            : await this.positionOf(stream, Number(result.nextExpectedRevision));
          return {
            status: 'appended',
            nextExpectedRevision: Number(result.nextExpectedRevision),
            position,
          };
        } catch (error) {
          // Another writer appended between our read and our write: read again and re-check.
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
      }
      throw new Error(`Stream ${stream} kept changing during ${APPEND_ATTEMPTS} append attempts`);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async readStream(
    stream: string,
    options: { direction: Direction; fromRevision?: number; maxCount: number },
  ): Promise<StoredEvent[]> {
    const forwards = options.direction === 'forwards';
    const events: StoredEvent[] = [];
    try {
      const reading = this.client.readStream(stream, {
        direction: forwards ? FORWARDS : BACKWARDS,
        fromRevision:
          options.fromRevision === undefined
            ? forwards
              ? START
              : END
            : BigInt(options.fromRevision),
        maxCount: BigInt(Math.min(options.maxCount, Number.MAX_SAFE_INTEGER)),
      });
      for await (const resolved of reading) {
        if (resolved.event && isSportelloRecord(resolved.event as KurrentRecord))
          events.push(fromKurrentRecord(resolved.event as KurrentRecord));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw unavailable(error);
    }
    return events;
  }

  async readAll(
    fromCheckpoint: Checkpoint | null,
    maxCount: number,
  ): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }> {
    const events: StoredEvent[] = [];
    try {
      // `fromPosition` is inclusive: read one more and drop the checkpoint's own event.
      const reading = this.client.readAll({
        direction: FORWARDS,
        fromPosition: fromCheckpoint === null ? START : parseCheckpoint(fromCheckpoint),
        maxCount: BigInt(maxCount + (fromCheckpoint === null ? 0 : 1)),
        filter: streamNameFilter({ regex: USER_STREAMS_REGEX }),
      });
      for await (const resolved of reading) {
        const record = resolved.event as KurrentRecord | undefined;
        if (!record || !isSportelloRecord(record)) continue;
        const event = fromKurrentRecord(record);
        if (fromCheckpoint !== null && compareCheckpoints(event.position, fromCheckpoint) <= 0)
          continue;
        events.push(event);
        if (events.length === maxCount) break;
      }
    } catch (error) {
      throw unavailable(error);
    }
    return {
      events,
      checkpoint: events.length ? events[events.length - 1].position : fromCheckpoint,
    };
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    try {
      const reading = this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1n,
        filter: streamNameFilter({ regex: USER_STREAMS_REGEX }),
      });
      for await (const resolved of reading) {
        if (resolved.event?.position) return formatCheckpoint(resolved.event.position);
      }
      return null;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async loadCheckpoint(subscription: string): Promise<Checkpoint | null> {
    try {
      const reading = this.client.readStream(CHECKPOINT_STREAM_PREFIX + subscription, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1n,
      });
      for await (const resolved of reading) {
        const data = resolved.event?.data as { checkpoint?: string } | undefined;
        if (data?.checkpoint) return data.checkpoint;
      }
      return null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw unavailable(error);
    }
  }

  async saveCheckpoint(subscription: string, checkpoint: Checkpoint): Promise<void> {
    const stream = CHECKPOINT_STREAM_PREFIX + subscription;
    try {
      await this.client.appendToStream(
        stream,
        jsonEvent({ type: 'CheckpointSaved', data: { checkpoint } }),
      );
      if (!this.cappedCheckpointStreams.has(stream)) {
        // Only the latest checkpoint matters: let the server scavenge the rest.
        await this.client.setStreamMetadata(stream, { maxCount: 1 });
        this.cappedCheckpointStreams.add(stream);
      }
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** One pass over `$all`: KurrentDB has no cheap per-stream head listing without projections. */
  async *streamHeads(): AsyncIterable<{ stream: string; revision: number; hash: string }> {
    const heads = new Map<string, { revision: number; hash: string }>();
    for (let checkpoint: Checkpoint | null = null; ;) {
      const page = await this.readAll(checkpoint, 1_000);
      for (const event of page.events)
        heads.set(event.stream, { revision: event.revision, hash: event.hash });
      if (page.events.length < 1_000) break;
      checkpoint = page.checkpoint;
    }
    for (const stream of [...heads.keys()].sort())
      yield { stream, ...(heads.get(stream) as { revision: number; hash: string }) };
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return compareCheckpoints(a, b);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async findEvent(stream: string, id: string): Promise<StoredEvent | null> {
    for (let from: number | undefined = undefined; ;) {
      const page = await this.readStream(stream, {
        direction: 'backwards',
        fromRevision: from,
        maxCount: 500,
      });
      const found = page.find((event) => event.id === id);
      if (found) return found;
      if (page.length < 500) return null;
      from = page[page.length - 1].revision - 1;
    }
  }

  private async positionOf(stream: string, revision: number): Promise<Checkpoint> {
    const [event] = await this.readStream(stream, {
      direction: 'forwards',
      fromRevision: revision,
      maxCount: 1,
    });
    return event?.position ?? '';
  }
}
