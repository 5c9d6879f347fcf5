import { createHmac } from 'node:crypto';
import { Identifier, IdentifierKind } from '../domain/subject-identifiers';

/**
 * Keyed hashes (HMAC-SHA256) of normalised identifiers: a codice fiscale or a phone number can be
 * looked up without being stored, and without the key the hash cannot be guessed by trying every
 * number. The key id tells, after a key rotation, which hashes were made with which key.
 */
export class BlindIndex {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('The blind-index key must be at least 32 bytes');
    this.keyId = createHmac('sha256', key)
      .update('sportello/privacy/key-id')
      .digest('hex')
      .slice(0, 12);
  }

  digest(kind: IdentifierKind, normalized: string): string {
    return createHmac('sha256', this.key).update(`${kind}\n${normalized}`).digest('base64url');
  }

  digestsOf(identifiers: Identifier[]): { kind: IdentifierKind; digest: string }[] {
    return identifiers.map((i) => ({ kind: i.kind, digest: this.digest(i.kind, i.value) }));
  }
}
