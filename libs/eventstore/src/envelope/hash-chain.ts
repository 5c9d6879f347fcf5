import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { StoredEvent, StoredEventBody } from '../port/event-storage.spi';

/** The predecessor hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON of exactly what is stored (ciphertext, not clear text). */
export function canonicalForm(body: StoredEventBody): string {
  return canonicalize({
    id: body.id,
    stream: body.stream,
    type: body.type,
    schemaVersion: body.schemaVersion,
    data: body.data,
    metadata: body.metadata,
  });
}

export function contentHash(body: StoredEventBody): string {
  return createHash('sha256').update(canonicalForm(body), 'utf8').digest('hex');
}

/** hash(n) = SHA-256(hash(n-1) ‖ SHA-256(canonical form of n)), over the raw 32-byte values. */
export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(Buffer.from(content, 'hex'))
    .digest('hex');
}

export type ChainBreak =
  | { kind: 'content_altered'; stream: string; revision: number; position: string; eventId: string }
  | { kind: 'link_broken'; stream: string; revision: number; position: string; eventId: string }
  | {
      kind: 'revision_gap';
      stream: string;
      revision: number;
      position: string;
      eventId: string;
      expectedRevision: number;
    };

/**
 * Checks one stream read forwards from revision 0. Returns the first break, or null.
 * A removed event shows as a gap (or as a broken link when revisions were renumbered).
 */
export function findFirstChainBreak(
  events: Iterable<StoredEvent>,
  state?: ChainState,
): ChainBreak | null {
  const chain = state ?? { expectedRevision: 0, prevHash: GENESIS_HASH };
  for (const event of events) {
    const at = {
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      eventId: event.id,
    };
    if (event.revision !== chain.expectedRevision) {
      return { kind: 'revision_gap', ...at, expectedRevision: chain.expectedRevision };
    }
    if (event.prevHash !== chain.prevHash) return { kind: 'link_broken', ...at };
    if (chainHash(event.prevHash, contentHash(event)) !== event.hash)
      return { kind: 'content_altered', ...at };
    chain.expectedRevision = event.revision + 1;
    chain.prevHash = event.hash;
  }
  return null;
}

export interface ChainState {
  expectedRevision: number;
  prevHash: string;
}
