/** Pure translation between Sportello's stored events and KurrentDB's event records. */
import { InvalidCheckpointError } from '../../errors';
import type { Checkpoint } from '../../port/event-store.port';
import type { SealedEvent, StoredEvent } from '../../port/event-storage.spi';

/** Streams this adapter writes for itself (subscription checkpoints), hidden from `readAll`. */
export const CHECKPOINT_STREAM_PREFIX = 'sportello_checkpoint-';

/** Everything but the data travels in the Kurrent event's metadata, including the chain link. */
export interface KurrentEventMetadata {
  sportello: 1;
  schemaVersion: number;
  metadata: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface KurrentRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
}

export function toKurrentEvent(event: SealedEvent, prevHash: string, hash: string) {
  const metadata: KurrentEventMetadata = {
    sportello: 1,
    schemaVersion: event.schemaVersion,
    metadata: event.metadata,
    prevHash,
    hash,
  };
  return {
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  };
}

export function isSportelloRecord(record: KurrentRecord): boolean {
  return (record.metadata as Partial<KurrentEventMetadata> | undefined)?.sportello === 1;
}

export function fromKurrentRecord(record: KurrentRecord): StoredEvent {
  const meta = record.metadata as KurrentEventMetadata;
  return {
    id: record.id,
    stream: record.streamId,
    revision: Number(record.revision),
    position: record.position ? formatCheckpoint(record.position) : '',
    type: record.type,
    schemaVersion: meta.schemaVersion,
    data: record.data,
    metadata: meta.metadata,
    prevHash: meta.prevHash,
    hash: meta.hash,
  };
}

export function formatCheckpoint(position: { commit: bigint; prepare: bigint }): Checkpoint {
  return `${position.commit}:${position.prepare}`;
}

export function parseCheckpoint(checkpoint: Checkpoint): { commit: bigint; prepare: bigint } {
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new InvalidCheckpointError('KurrentDB');
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const x = parseCheckpoint(a);
  const y = parseCheckpoint(b);
  if (x.commit !== y.commit) return x.commit < y.commit ? -1 : 1;
  return x.prepare === y.prepare ? 0 : x.prepare < y.prepare ? -1 : 1;
}

/** Server-side filter for `$all`: no system streams, none of our checkpoint streams. */
export const USER_STREAMS_REGEX = `^(?!\\$)(?!${CHECKPOINT_STREAM_PREFIX})`;
