import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The service key that signs the daily digests (Ed25519). */
export interface AuditSigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what an auditor keeps beside the digests to check them later. */
  publicKeyPem: string;
}

export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');
export const AUDIT_SIGNING_KEY_VARIABLE = 'AUDIT_SIGNING_KEY';
export const DEVELOPMENT_SIGNING_KEY_FILE = 'audit-signing-key.pem';

const HOW = 'an Ed25519 private key in PKCS8 PEM (openssl genpkey -algorithm ed25519)';

/** The key is unusable; the message names the variable and what is expected, never the value. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

/** A stable id derived from the public key, so a kept digest says which key signed it. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `audit-ed25519-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export function publicKeyFromPem(pem: string): { keyId: string; publicKey: KeyObject } {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch {
    throw new AuditKeyError('The public key must be an Ed25519 public key in PEM');
  }
  if (publicKey.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError('The public key must be an Ed25519 public key in PEM');
  return { keyId: keyIdOf(publicKey), publicKey };
}

export function signingKeyFromPem(
  pem: string,
  source = AUDIT_SIGNING_KEY_VARIABLE,
): AuditSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new AuditKeyError(`${source} must be ${HOW}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError(`${source} must be ${HOW}`);
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function newPem(): string {
  return generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

/**
 * Reads the development signing key under the data directory, creating it on first use; the
 * file appears atomically so that an API and a worker starting together agree on one key.
 */
export function loadOrCreateDevelopmentSigningKey(dataDir: string): AuditSigningKey {
  const path = join(dataDir, DEVELOPMENT_SIGNING_KEY_FILE);
  try {
    return signingKeyFromPem(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, newPem(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return signingKeyFromPem(readFileSync(path, 'utf8'), path);
}

let testKey: AuditSigningKey | null = null;

/**
 * AUDIT_SIGNING_KEY when set (required in production); in development a key generated once
 * under the data directory; in tests one key per process, kept in memory.
 */
export function resolveAuditSigningKey(
  env: Record<string, string | undefined>,
  platform: { env: 'development' | 'production' | 'test'; dataDir: string },
): AuditSigningKey {
  const configured = env[AUDIT_SIGNING_KEY_VARIABLE]?.trim();
  if (configured) return signingKeyFromPem(configured.replace(/\\n/g, '\n'));
  if (platform.env === 'production')
    throw new AuditKeyError(`${AUDIT_SIGNING_KEY_VARIABLE} is required in production: ${HOW}`);
  if (platform.env === 'test') return (testKey ??= signingKeyFromPem(newPem(), 'test key'));
  return loadOrCreateDevelopmentSigningKey(platform.dataDir);
}
