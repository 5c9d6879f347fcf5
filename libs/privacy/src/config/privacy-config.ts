import { hkdfSync } from 'node:crypto';
import { ConfigurationError, PlatformConfig } from '@sportello/platform';
import { privacyPoliciesDirectory } from '../policies/privacy-policy.loader';

export interface PrivacyConfig {
  /** The HMAC key of the blind indexes (issue 8): identifiers are stored only as keyed hashes. */
  indexKey: Buffer;
  /** True outside production when the key was derived from the key-vault master key. */
  indexKeyDerived: boolean;
  policiesDir: string;
}

export const PRIVACY_CONFIG = Symbol('PRIVACY_CONFIG');

export const PRIVACY_VARIABLES = ['PRIVACY_INDEX_KEY', 'PRIVACY_POLICIES_DIR'] as const;

/**
 * `PRIVACY_INDEX_KEY` (32+ random bytes, base64) is required in production. Elsewhere it may be
 * left unset: it is then derived from the key-vault master key, which a zero-configuration
 * development start generates (development-secrets.ts), so the API and the worker agree on it.
 * Messages never echo a value.
 */
export function resolvePrivacyConfig(
  env: Record<string, string | undefined>,
  platform: Pick<PlatformConfig, 'env' | 'keyVault'>,
): PrivacyConfig {
  const raw = env.PRIVACY_INDEX_KEY?.trim();
  const policiesDir = privacyPoliciesDirectory(env);
  if (raw) {
    const key = /^[A-Za-z0-9+/=_-]+$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
    if (key.length < 32)
      throw new ConfigurationError([
        { variable: 'PRIVACY_INDEX_KEY', message: 'must be at least 32 random bytes in base64' },
      ]);
    return { indexKey: key, indexKeyDerived: false, policiesDir };
  }
  if (platform.env === 'production')
    throw new ConfigurationError([
      {
        variable: 'PRIVACY_INDEX_KEY',
        message: 'is required in production (32 random bytes in base64): it keys the blind indexes',
      },
    ]);
  const master = Buffer.from(platform.keyVault.masterKey, 'base64');
  const derived = Buffer.from(
    hkdfSync('sha256', master, Buffer.alloc(0), 'sportello/privacy/blind-index', 32),
  );
  return { indexKey: derived, indexKeyDerived: true, policiesDir };
}
