import { createHash, KeyObject, sign, verify } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { EventStorage } from '../port/event-storage.spi';
import { verifyStream } from './chain-verifier';

export interface StreamHead {
  stream: string;
  revision: number;
  hash: string;
}

export interface SignedDigest {
  format: 'sportello-digest/1';
  createdAt: string;
  streams: number;
  /** SHA-256 of the canonical list of heads: what the signature covers. */
  root: string;
  heads: StreamHead[];
  keyId: string;
  /** Ed25519 signature (base64) of the canonical `{format, createdAt, streams, root, keyId}`. */
  signature: string;
}

export type DigestProblem =
  | { kind: 'bad_signature' }
  | { kind: 'heads_do_not_match_root' }
  | { kind: 'head_missing'; stream: string }
  | { kind: 'head_altered'; stream: string; revision: number }
  | { kind: 'chain_broken'; stream: string; revision: number };

function rootOf(heads: StreamHead[]): string {
  return createHash('sha256').update(canonicalize(heads)).digest('hex');
}

function signedPart(
  d: Pick<SignedDigest, 'format' | 'createdAt' | 'streams' | 'root' | 'keyId'>,
): Buffer {
  return Buffer.from(
    canonicalize({
      format: d.format,
      createdAt: d.createdAt,
      streams: d.streams,
      root: d.root,
      keyId: d.keyId,
    }),
  );
}

/**
 * The head hash of every stream, signed with the service key. Kept outside the system, it later
 * proves that no event up to those heads was altered or removed — even the last of a stream,
 * which a hash chain alone cannot notice.
 */
export async function createSignedDigest(
  storage: EventStorage,
  key: { privateKey: KeyObject; keyId: string },
  now: Date,
): Promise<SignedDigest> {
  const heads: StreamHead[] = [];
  for await (const head of storage.streamHeads())
    heads.push({ stream: head.stream, revision: head.revision, hash: head.hash });
  const unsigned = {
    format: 'sportello-digest/1' as const,
    createdAt: now.toISOString(),
    streams: heads.length,
    root: rootOf(heads),
    keyId: key.keyId,
  };
  return {
    ...unsigned,
    heads,
    signature: sign(null, signedPart(unsigned), key.privateKey).toString('base64'),
  };
}

/** Checks a digest against its signature and against the store as it is now. */
export async function verifySignedDigest(
  storage: EventStorage,
  digest: SignedDigest,
  publicKey: KeyObject,
): Promise<DigestProblem[]> {
  if (!verify(null, signedPart(digest), publicKey, Buffer.from(digest.signature, 'base64')))
    return [{ kind: 'bad_signature' }];
  if (rootOf(digest.heads) !== digest.root || digest.heads.length !== digest.streams)
    return [{ kind: 'heads_do_not_match_root' }];
  const problems: DigestProblem[] = [];
  for (const head of digest.heads) {
    const [event] = await storage.readStream(head.stream, {
      direction: 'forwards',
      fromRevision: head.revision,
      maxCount: 1,
    });
    if (!event) {
      problems.push({ kind: 'head_missing', stream: head.stream });
    } else if (event.revision !== head.revision || event.hash !== head.hash) {
      problems.push({ kind: 'head_altered', stream: head.stream, revision: head.revision });
    } else {
      const chain = await verifyStream(storage, head.stream);
      if (chain.firstBreak && chain.firstBreak.revision <= head.revision) {
        problems.push({
          kind: 'chain_broken',
          stream: head.stream,
          revision: chain.firstBreak.revision,
        });
      }
    }
  }
  return problems;
}
