/**
 * The event store port: what every feature sees. Adapters (PostgreSQL, PGlite, KurrentDB,
 * in-memory) sit behind `EventStorage`; sealing of personal data, hash chaining and upcasting
 * happen once, above them, in `SealingEventStore`.
 */

/** Which revision the writer believes the stream is at: a number (0 = the first event). */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** An opaque position in the global log; each backend orders its log its own way. */
export type Checkpoint = string;

export interface Actor {
  id: string;
  role: string;
}

/** Metadata supplied by whoever appends (the platform, never the HTTP client). */
export interface EventMetadataInput {
  /** Business time: when it happened (ISO instant); may be earlier than the append. */
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** Data-subject ids the event concerns; pseudonymous ids, never personal data. */
  subjectIds?: string[];
  /** The policy version in force for the ticket, e.g. `FASTWEB@2017-01-01`. */
  policyVersion?: string | null;
}

export interface EventMetadata extends Required<EventMetadataInput> {
  /** System time of the append (ISO instant, from the injected clock). */
  recordedAt: string;
}

/** An event as a feature writes it: plain data, personal fields still in clear. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID v7; give it to make a retried append idempotent, or let the store generate it. */
  id?: string;
  type: Type;
  data: Data;
  metadata: EventMetadataInput;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  stream: string;
  revision: number;
  position: Checkpoint;
  type: Type;
  /** The schema version after upcasting (the current one). */
  schemaVersion: number;
  /** The version the event was stored with. */
  storedSchemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
  /** Paths of personal fields that could not be opened because their key was destroyed. */
  masked: string[];
}

export interface AppendResult {
  /** The revision of the last event now in the stream: pass it as `expected` next time. */
  nextExpectedRevision: number;
  position: Checkpoint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this checkpoint; omitted = from the very beginning. */
  fromCheckpoint?: Checkpoint | null;
  maxCount?: number;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Where to continue from; equals the input when nothing new was visible. */
  checkpoint: Checkpoint | null;
}

export type SubscriptionHandler = (event: RecordedEvent) => Promise<void>;

export interface SubscribeOptions {
  /** Max events fetched per read while catching up. */
  batchSize?: number;
  /** How long to wait between polls once caught up, in ms. */
  idleMs?: number;
  /** Called when the handler fails; the subscription stops at the failed event. */
  onError?: (error: unknown, event: RecordedEvent) => void;
  /**
   * The only event types the handler acts on: others are passed over without being opened, and
   * the checkpoint moves past them once per page instead of once per event.
   */
  eventTypes?: readonly string[];
}

export interface Subscription {
  readonly name: string;
  /** Resolves once the subscription has processed everything visible when called. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the subscription stops, by `stop()` or after a handler failure. */
  readonly stopped: Promise<void>;
}

export interface EventStore {
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** Catch-up-then-live subscription; the checkpoint survives restarts under `name`. */
  subscribe(name: string, handler: SubscriptionHandler, options?: SubscribeOptions): Subscription;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
