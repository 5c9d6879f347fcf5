import { createHash, randomInt } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** RAS-2: the one-time code the customer confirms to authorise one remote session. */
export function newSessionCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Only a digest is recorded: the code itself is shown once, to the operator who reads it out. */
export function sessionCodeDigest(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('base64url');
}
