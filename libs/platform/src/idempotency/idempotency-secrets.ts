import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/**
 * Remembered responses may hold personal data until they expire, so they are stored encrypted,
 * and the request fingerprint is keyed so that a short body (a phone number) cannot be guessed
 * from its hash. Both keys derive from the key-vault master key.
 */
export class IdempotencySecrets {
  private readonly fingerprintKey: Buffer;
  private readonly responseKey: Buffer;

  constructor(masterKeyBase64: string) {
    const master = Buffer.from(masterKeyBase64, 'base64');
    this.fingerprintKey = derive(master, 'sportello/idempotency/fingerprint');
    this.responseKey = derive(master, 'sportello/idempotency/response');
  }

  fingerprint(method: string, path: string, body: unknown): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(`${method}\n${path}\n${canonicalize(body ?? null)}`)
      .digest('base64url');
  }

  seal(associated: string, value: unknown): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.responseKey, iv);
    cipher.setAAD(Buffer.from(associated, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(value ?? null), 'utf8'),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(associated: string, sealed: Buffer): unknown {
    const decipher = createDecipheriv('aes-256-gcm', this.responseKey, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(sealed.subarray(12, 28));
    const clear = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    return JSON.parse(clear.toString('utf8'));
  }
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}
