import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets generated once for a zero-configuration development start. Never used in production,
 * where both must come from the environment.
 */
export interface DevelopmentSecrets {
  keyVaultMasterKey: string;
  authDevSecret: string;
}

export const DEVELOPMENT_SECRETS_FILE = 'dev-secrets.json';

export function developmentSecretsPath(dataDir: string): string {
  return join(dataDir, DEVELOPMENT_SECRETS_FILE);
}

export function readDevelopmentSecrets(dataDir: string): DevelopmentSecrets | null {
  let text: string;
  try {
    text = readFileSync(developmentSecretsPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<DevelopmentSecrets>;
  if (typeof parsed.keyVaultMasterKey !== 'string' || typeof parsed.authDevSecret !== 'string')
    throw new Error(`${developmentSecretsPath(dataDir)} is not a development secrets file`);
  return { keyVaultMasterKey: parsed.keyVaultMasterKey, authDevSecret: parsed.authDevSecret };
}

/**
 * Reads the development secrets, creating them on first use. The file appears atomically (link
 * of a complete temporary file), so an API and a worker starting together agree on one set.
 */
export function loadOrCreateDevelopmentSecrets(dataDir: string): DevelopmentSecrets {
  const existing = readDevelopmentSecrets(dataDir);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevelopmentSecrets = {
    keyVaultMasterKey: randomBytes(32).toString('base64'),
    authDevSecret: randomBytes(48).toString('base64url'),
  };
  const temporary = `${developmentSecretsPath(dataDir)}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, developmentSecretsPath(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readDevelopmentSecrets(dataDir)!;
}
