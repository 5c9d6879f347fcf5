import { createHash } from 'node:crypto';
import { randomCrockford } from '@sportello/tickets';

/** RAS-2: the one-time code the customer confirms to authorise one remote session. */
export function newSessionCode(): string {
  const code = randomCrockford(8);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Only a digest is recorded: the code itself is shown once, to the operator who reads it out. */
export function sessionCodeDigest(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('base64url');
}
