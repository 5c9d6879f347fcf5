import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { AuthConfig, PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { isRole, Role } from './roles';

export interface VerifiedToken {
  subject: string;
  roles: Role[];
}

/** The token is missing something or does not verify; the message is safe to show. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The JWKS endpoint cannot be reached or answers nonsense: the API answers 503, not 401. */
export class KeySetUnavailableError extends Error {
  constructor() {
    super('The token signing keys cannot be fetched right now');
    this.name = 'KeySetUnavailableError';
  }
}

const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

/**
 * Verifies bearer JWTs with jose: HS256 with the development secret, or keys from a JWKS URL
 * with a fixed issuer and audience in production. Expiry is checked against real time, not the
 * business clock, because a token's validity is a security matter, not a business fact.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly auth: AuthConfig;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.auth = config.auth;
    this.key =
      this.auth.kind === 'jwks'
        ? createRemoteJWKSet(new URL(this.auth.jwksUrl), { cooldownDuration: 30_000 })
        : new TextEncoder().encode(this.auth.secret);
  }

  async verify(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.auth.kind === 'jwks' ? ASYMMETRIC : ['HS256'],
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 30,
      };
      ({ payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options));
    } catch (error) {
      if (isKeySetUnavailable(error)) throw new KeySetUnavailableError();
      throw new InvalidTokenError(describeFailure(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200)
      throw new InvalidTokenError('The token has no usable subject (sub)');
    const claimed = Array.isArray(payload.roles) ? payload.roles : [];
    return { subject: payload.sub, roles: [...new Set(claimed.filter(isRole))] };
  }
}

function describeFailure(error: unknown): string {
  switch ((error as { code?: string })?.code) {
    case 'ERR_JWT_EXPIRED':
      return 'The token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return 'The token is not meant for this service or lacks a required claim';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The token signature does not verify';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The token is signed with an algorithm this service does not accept';
    default:
      return 'The token is malformed';
  }
}

function isKeySetUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return (
    code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || /^E[A-Z]+$/.test(code) // a system error while fetching the key set (ECONNREFUSED, ...)
  );
}
