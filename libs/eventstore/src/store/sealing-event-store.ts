import { EventEmitter } from 'node:events';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { Clock } from '@sportello/clock';
import { contentHash } from '../envelope/hash-chain';
import { InvalidEventError, WrongExpectedRevisionError } from '../errors';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../port/event-store.port';
import { EventStorage, SealedEvent, StoredEvent } from '../port/event-storage.spi';
import { PersonalDataSealer } from '../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../schema/event-schema';
import { PollingSubscription } from '../subscriptions/polling-subscription';

const STREAM_NAME = /^[a-z][a-z0-9_]*(-[A-Za-z0-9_.:-]+)?$/;
const MAX_READ = 10_000;

/**
 * The one implementation of the port: seals personal data, stamps `recordedAt`, hashes the
 * canonical stored form and hands the result to whichever storage adapter is configured.
 */
export class SealingEventStore implements EventStore {
  private readonly appended = new EventEmitter().setMaxListeners(0);

  constructor(
    readonly storage: EventStorage,
    readonly registry: EventSchemaRegistry,
    private readonly sealer: PersonalDataSealer,
    private readonly clock: Clock,
  ) {}

  async append(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (!STREAM_NAME.test(stream) || stream.length > 200)
      throw new InvalidEventError(`Invalid stream name: ${stream}`);
    if (events.length === 0) throw new InvalidEventError('Nothing to append');
    if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
      throw new InvalidEventError(`Invalid expected revision: ${expected}`);
    }
    const recordedAt = this.clock.now().toISOString();
    const sealed: SealedEvent[] = [];
    for (const event of events) sealed.push(await this.seal(stream, event, recordedAt));

    const outcome = await this.storage.appendSealed(stream, sealed, expected);
    if (outcome.status === 'wrong_expected_revision') {
      throw new WrongExpectedRevisionError(stream, expected, outcome.actualRevision);
    }
    this.appended.emit('appended');
    return { nextExpectedRevision: outcome.nextExpectedRevision, position: outcome.position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stored = await this.storedStream(stream, options);
    return Promise.all(stored.map((event) => this.open(event)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const page = await this.storedPage(options);
    return {
      events: await Promise.all(page.events.map((event) => this.open(event))),
      checkpoint: page.checkpoint,
    };
  }

  /** One stream with personal fields left sealed (see readAllSealed). */
  async readStreamSealed(
    stream: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const stored = await this.storedStream(stream, options);
    return stored.map((event) => this.recorded(event, event.data, []));
  }

  /**
   * The global log with personal fields left sealed: for readers that keep none of them (most
   * read models), sparing a key lookup and a decryption per field. Erased fields read the same
   * as live ones here, so `masked` is always empty.
   */
  async readAllSealed(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const page = await this.storedPage(options);
    return {
      events: page.events.map((event) => this.recorded(event, event.data, [])),
      checkpoint: page.checkpoint,
    };
  }

  subscribe(
    name: string,
    handler: SubscriptionHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    return PollingSubscription.start({
      name,
      storage: this.storage,
      open: (event) => this.open(event),
      handler,
      options,
      wakeups: this.appended,
    });
  }

  /** Decrypts (masking what was erased) and upcasts one stored event. */
  async open(event: StoredEvent): Promise<RecordedEvent> {
    const opened = await this.sealer.open(event.id, event.data);
    return this.recorded(event, opened.data, opened.masked);
  }

  private storedStream(stream: string, options: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.storage.readStream(stream, {
      direction: options.direction ?? 'forwards',
      fromRevision: options.fromRevision,
      maxCount: clampCount(options.maxCount ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    });
  }

  private storedPage(options: ReadAllOptions) {
    return this.storage.readAll(
      options.fromCheckpoint ?? null,
      clampCount(options.maxCount ?? 1_000, MAX_READ),
    );
  }

  private recorded(event: StoredEvent, data: unknown, masked: string[]): RecordedEvent {
    const upcast = this.registry.upcast(event.type, event.schemaVersion, data);
    return {
      id: event.id,
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      type: event.type,
      schemaVersion: upcast.version,
      storedSchemaVersion: event.schemaVersion,
      data: upcast.data,
      metadata: event.metadata as unknown as EventMetadata,
      prevHash: event.prevHash,
      hash: event.hash,
      masked,
    };
  }

  private async seal(stream: string, event: NewEvent, recordedAt: string): Promise<SealedEvent> {
    const schema = this.registry.schemaOf(event.type);
    const id = event.id ?? uuidv7();
    if (!isUuid(id)) throw new InvalidEventError(`Event id must be a UUID: ${id}`);
    const input = event.metadata;
    if (!input || Number.isNaN(Date.parse(input.occurredAt))) {
      throw new InvalidEventError(`${event.type}: metadata.occurredAt must be an ISO instant`);
    }
    if (!input.actor?.id || !input.actor?.role)
      throw new InvalidEventError(`${event.type}: metadata.actor is required`);
    if (!input.correlationId)
      throw new InvalidEventError(`${event.type}: metadata.correlationId is required`);

    const sealed = await this.sealer.seal(id, schema, event.data ?? {});
    const metadata: EventMetadata = {
      occurredAt: new Date(input.occurredAt).toISOString(),
      recordedAt,
      actor: { id: input.actor.id, role: input.actor.role },
      correlationId: input.correlationId,
      causationId: input.causationId ?? null,
      subjectIds: [...new Set([...(input.subjectIds ?? []), ...sealed.subjectIds])].sort(),
      policyVersion: input.policyVersion ?? null,
    };
    const body = {
      id,
      stream,
      type: event.type,
      schemaVersion: schema.version,
      data: sealed.data,
      metadata: metadata as unknown as Record<string, unknown>,
    };
    return { ...body, contentHash: contentHash(body) } as SealedEvent;
  }
}

function clampCount(value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidEventError(`maxCount must be a positive integer`);
  return Math.min(value, max);
}
