import { chainHash, GENESIS_HASH } from '../../envelope/hash-chain';
import { Checkpoint, Direction, ExpectedRevision } from '../../port/event-store.port';
import {
  AppendOutcome,
  EventStorage,
  SealedEvent,
  StoredEvent,
} from '../../port/event-storage.spi';
import { checkExpectedRevision } from '../expected-revision';

/** For fast unit tests: the whole log in an array, positions are array indexes. */
export class InMemoryEventStorage implements EventStorage {
  readonly backend = 'memory';
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly checkpoints = new Map<string, Checkpoint>();

  async init(): Promise<void> {}

  async appendSealed(
    stream: string,
    events: SealedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome> {
    const existing = this.byId.get(events[0].id);
    if (existing) {
      const last = this.byId.get(events[events.length - 1].id) ?? existing;
      return { status: 'duplicate', nextExpectedRevision: last.revision, position: last.position };
    }
    const current = this.streams.get(stream) ?? [];
    const head = current.length === 0 ? null : current.length - 1;
    if (!checkExpectedRevision(expected, head))
      return { status: 'wrong_expected_revision', actualRevision: head };

    let prevHash = current[current.length - 1]?.hash ?? GENESIS_HASH;
    for (const event of events) {
      const { contentHash, ...body } = event;
      const hash = chainHash(prevHash, contentHash);
      const stored: StoredEvent = {
        ...structuredClone(body),
        revision: current.length,
        position: String(this.log.length),
        prevHash,
        hash,
      };
      current.push(stored);
      this.log.push(stored);
      this.byId.set(stored.id, stored);
      prevHash = hash;
    }
    this.streams.set(stream, current);
    const last = current[current.length - 1];
    return { status: 'appended', nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(
    stream: string,
    options: { direction: Direction; fromRevision?: number; maxCount: number },
  ): Promise<StoredEvent[]> {
    const events = this.streams.get(stream) ?? [];
    if (options.direction === 'forwards') {
      const from = options.fromRevision ?? 0;
      return events
        .filter((e) => e.revision >= from)
        .slice(0, options.maxCount)
        .map(copy);
    }
    const from = options.fromRevision ?? Number.MAX_SAFE_INTEGER;
    return events
      .filter((e) => e.revision <= from)
      .reverse()
      .slice(0, options.maxCount)
      .map(copy);
  }

  async readAll(
    fromCheckpoint: Checkpoint | null,
    maxCount: number,
  ): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }> {
    const start = fromCheckpoint === null ? 0 : Number(fromCheckpoint) + 1;
    const events = this.log.slice(start, start + maxCount).map(copy);
    return {
      events,
      checkpoint: events.length ? events[events.length - 1].position : fromCheckpoint,
    };
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    return this.log.length ? String(this.log.length - 1) : null;
  }

  async loadCheckpoint(subscription: string): Promise<Checkpoint | null> {
    return this.checkpoints.get(subscription) ?? null;
  }

  async saveCheckpoint(subscription: string, checkpoint: Checkpoint): Promise<void> {
    this.checkpoints.set(subscription, checkpoint);
  }

  async *streamHeads(): AsyncIterable<{ stream: string; revision: number; hash: string }> {
    for (const [stream, events] of [...this.streams.entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      const last = events[events.length - 1];
      yield { stream, revision: last.revision, hash: last.hash };
    }
  }

  eventsBetween(from: Checkpoint | null, to: Checkpoint): number {
    return Number(to) - (from === null ? -1 : Number(from));
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return Number(a) - Number(b);
  }

  async close(): Promise<void> {}

  /** Test hook: lets integrity tests tamper with the log the way someone with SQL access could. */
  tamper(mutate: (log: StoredEvent[], streams: Map<string, StoredEvent[]>) => void): void {
    mutate(this.log, this.streams);
  }
}

function copy(event: StoredEvent): StoredEvent {
  return structuredClone(event);
}
