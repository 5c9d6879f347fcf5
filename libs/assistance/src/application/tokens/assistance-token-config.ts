import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  JsonWebKeyInput,
  KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';
import { ConfigurationError, PlatformConfig } from '@sportello/platform';

/** The variables the assistance tokens read; values are never shown in a problem. */
export const ASSISTANCE_TOKEN_VARIABLES = [
  'ASSISTANCE_SIGNING_KEY',
  'ASSISTANCE_TOKEN_ISSUER',
  'ASSISTANCE_TOKEN_AUDIENCE',
  'ASSISTANCE_TOKEN_TTL_SECONDS',
] as const;

export type TokenAlgorithm = 'EdDSA' | 'ES256';

export interface AssistanceSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  algorithm: TokenAlgorithm;
  /** RFC 7638 thumbprint of the public key: the `kid` of tokens and of the JWKS entry. */
  keyId: string;
  publicJwk: JWK;
  /** Generated at start (development and test only): lives in memory, dies with the process. */
  generated: boolean;
}

export interface AssistanceTokenConfig {
  issuer: string;
  /** The online platform that accepts impersonation tokens (`aud`). */
  audience: string;
  /** At most 15 minutes; the decider also caps it at the consent's expiry. */
  ttlSeconds: number;
  key: AssistanceSigningKey;
}

export const DEFAULT_TOKEN_ISSUER = 'urn:sportello:assistance';
export const DEFAULT_TOKEN_AUDIENCE = 'urn:anastasis:online-services';
const MAX_TTL_SECONDS = 900;

/** Reads and validates the assistance token settings; throws one ConfigurationError listing all. */
export function resolveAssistanceTokenConfig(
  env: Record<string, string | undefined>,
  mode: PlatformConfig['env'],
): AssistanceTokenConfig {
  const problems: { variable: string; message: string }[] = [];
  const value = (name: (typeof ASSISTANCE_TOKEN_VARIABLES)[number]) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  let key: AssistanceSigningKey | null = null;
  const rawKey = value('ASSISTANCE_SIGNING_KEY');
  if (rawKey) {
    key = parseSigningKey(rawKey);
    if (!key)
      problems.push({
        variable: 'ASSISTANCE_SIGNING_KEY',
        message:
          'must be an Ed25519 or P-256 private key, as a PKCS8 PEM or a private JWK (JSON with "d")',
      });
  } else if (mode === 'production') {
    problems.push({
      variable: 'ASSISTANCE_SIGNING_KEY',
      message:
        'is required in production (an Ed25519 PKCS8 PEM: openssl genpkey -algorithm ed25519)',
    });
  }

  const issuer = value('ASSISTANCE_TOKEN_ISSUER') ?? DEFAULT_TOKEN_ISSUER;
  const audience = value('ASSISTANCE_TOKEN_AUDIENCE') ?? DEFAULT_TOKEN_AUDIENCE;
  for (const [variable, text] of [
    ['ASSISTANCE_TOKEN_ISSUER', issuer],
    ['ASSISTANCE_TOKEN_AUDIENCE', audience],
  ] as const)
    if (text.length > 500)
      problems.push({ variable, message: 'must be at most 500 characters (a URI)' });

  const rawTtl = value('ASSISTANCE_TOKEN_TTL_SECONDS');
  const ttlSeconds = rawTtl === undefined ? 600 : /^\d+$/.test(rawTtl) ? Number(rawTtl) : NaN;
  if (!(ttlSeconds >= 30 && ttlSeconds <= MAX_TTL_SECONDS))
    problems.push({
      variable: 'ASSISTANCE_TOKEN_TTL_SECONDS',
      message: `must be a whole number of seconds between 30 and ${MAX_TTL_SECONDS}`,
    });

  if (problems.length) throw new ConfigurationError(problems);
  return { issuer, audience, ttlSeconds, key: key ?? generatedSigningKey() };
}

function parseSigningKey(raw: string): AssistanceSigningKey | null {
  let privateKey: KeyObject;
  try {
    if (raw.startsWith('{'))
      privateKey = createPrivateKey({
        key: JSON.parse(raw) as JsonWebKeyInput['key'],
        format: 'jwk',
      });
    // A PEM passed through an env file often arrives with literal \n.
    else privateKey = createPrivateKey({ key: raw.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    return null;
  }
  if (privateKey.type !== 'private') return null;
  return signingKeyOf(privateKey, false);
}

function generatedSigningKey(): AssistanceSigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyOf(privateKey, true) as AssistanceSigningKey;
}

function signingKeyOf(privateKey: KeyObject, generated: boolean): AssistanceSigningKey | null {
  const algorithm = algorithmOf(privateKey);
  if (!algorithm) return null;
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const keyId = thumbprint(jwk);
  return {
    privateKey,
    publicKey,
    algorithm,
    keyId,
    publicJwk: { ...jwk, kid: keyId, alg: algorithm, use: 'sig' },
    generated,
  };
}

function algorithmOf(key: KeyObject): TokenAlgorithm | null {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return 'ES256';
  return null;
}

/** RFC 7638: SHA-256 over the required members, in lexicographic order, without whitespace. */
function thumbprint(jwk: JWK): string {
  const members =
    jwk.kty === 'OKP'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}
