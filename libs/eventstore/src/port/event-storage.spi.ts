/**
 * What an adapter implements. It stores events already sealed (personal fields encrypted) and
 * links each stream's hash chain; it never sees personal data in clear.
 */
import { Checkpoint, Direction, ExpectedRevision } from './event-store.port';

/** An event in the exact form that is stored and hashed. */
export interface StoredEventBody {
  id: string;
  stream: string;
  type: string;
  schemaVersion: number;
  /** JSON data with every personal field replaced by a sealed envelope. */
  data: unknown;
  /** Metadata including `recordedAt`. */
  metadata: Record<string, unknown>;
}

declare const sealed: unique symbol;

/** Produced only by the sealing store: the brand makes it impossible to pass raw data. */
export interface SealedEvent extends StoredEventBody {
  readonly [sealed]: true;
  /** SHA-256 (hex) of the canonical JSON of the body. */
  contentHash: string;
}

export interface StoredEvent extends StoredEventBody {
  revision: number;
  position: Checkpoint;
  prevHash: string;
  hash: string;
}

export type AppendOutcome =
  | { status: 'appended' | 'duplicate'; nextExpectedRevision: number; position: Checkpoint }
  | { status: 'wrong_expected_revision'; actualRevision: number | null };

export interface EventStorage {
  readonly backend: string;
  /** Creates tables and functions if needed. Idempotent. */
  init(): Promise<void>;
  appendSealed(
    stream: string,
    events: SealedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome>;
  readStream(
    stream: string,
    options: { direction: Direction; fromRevision?: number; maxCount: number },
  ): Promise<StoredEvent[]>;
  readAll(
    fromCheckpoint: Checkpoint | null,
    maxCount: number,
  ): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }>;
  /**
   * Every event committed after `fromCheckpoint`, ignoring the ordering horizon of `readAll`: for
   * point-in-time scans (an export, an erasure) that must not miss an event another running
   * transaction keeps below the horizon. Not for subscriptions: its order may skip ahead.
   * Backends whose `readAll` has no horizon need not implement it.
   */
  readAllCommitted?(
    fromCheckpoint: Checkpoint | null,
    maxCount: number,
  ): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }>;
  /** The global head, to measure lag; null for an empty store. */
  headCheckpoint(): Promise<Checkpoint | null>;
  loadCheckpoint(subscription: string): Promise<Checkpoint | null>;
  saveCheckpoint(subscription: string, checkpoint: Checkpoint): Promise<void>;
  /** Lists every stream with its last revision and hash (for the integrity digest). */
  streamHeads(): AsyncIterable<{ stream: string; revision: number; hash: string }>;
  /** How many events lie after `from` up to and including `to`, where the backend can tell cheaply. */
  eventsBetween?(from: Checkpoint | null, to: Checkpoint): number | null;
  /** Orders two checkpoints of this backend: negative, zero or positive. */
  compareCheckpoints(a: Checkpoint, b: Checkpoint): number;
  close(): Promise<void>;
}
