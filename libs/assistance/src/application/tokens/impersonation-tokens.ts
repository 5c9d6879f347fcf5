import { errors, JSONWebKeySet, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { ImpersonationTokenIssued } from '../../domain/assistance.events';
import { AssistanceTokenConfig } from './assistance-token-config';

/** Explicit typing (RFC 8725 §3.11): never mistaken for a staff bearer token. */
export const IMPERSONATION_TOKEN_TYPE = 'impersonation+jwt';

/** What an impersonation token says: the customer as subject, the operator as actor (RFC 8693). */
export interface ImpersonationClaims {
  iss: string;
  aud: string;
  /** The impersonated customer's subject id: the only personal reference a token carries. */
  sub: string;
  act: { sub: string };
  scope: 'read';
  ticket_id: string;
  session_id: string;
  platform: string;
  /** IMP-3: the areas of the platform the session may view. */
  areas: string[];
  jti: string;
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { status: 'valid'; claims: ImpersonationClaims }
  /** Signed by us, but past its `exp`: still tells which session it belonged to. */
  | { status: 'expired'; claims: ImpersonationClaims }
  | { status: 'invalid' };

const seconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function asClaims(payload: JWTPayload): ImpersonationClaims | null {
  const p = payload as Partial<ImpersonationClaims>;
  const ok =
    typeof p.sub === 'string' &&
    typeof p.act?.sub === 'string' &&
    p.scope === 'read' &&
    typeof p.ticket_id === 'string' &&
    UUID.test(p.ticket_id) &&
    typeof p.session_id === 'string' &&
    UUID.test(p.session_id) &&
    typeof p.jti === 'string' &&
    typeof p.exp === 'number' &&
    Array.isArray(p.areas);
  return ok ? (p as ImpersonationClaims) : null;
}

/**
 * Signs the short-lived, read-only tokens an impersonation session hands to the online platform,
 * and verifies them when the platform comes back; the platform verifies them with the JWKS.
 */
export class ImpersonationTokens {
  constructor(private readonly config: AssistanceTokenConfig) {}

  get audience(): string {
    return this.config.audience;
  }

  get ttlSeconds(): number {
    return this.config.ttlSeconds;
  }

  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.config.key.publicJwk }] };
  }

  /** Signs exactly what the decider recorded: same id, subject, actor, times. */
  sign(
    issued: ImpersonationTokenIssued['data'],
    session: { platform: string; areas: string[] },
  ): Promise<string> {
    return new SignJWT({
      act: { sub: issued.operatorId },
      scope: issued.scope,
      ticket_id: issued.ticketId,
      session_id: issued.sessionId,
      platform: session.platform,
      areas: session.areas,
    })
      .setProtectedHeader({
        alg: this.config.key.algorithm,
        kid: this.config.key.keyId,
        typ: IMPERSONATION_TOKEN_TYPE,
      })
      .setIssuer(this.config.issuer)
      .setAudience(issued.audience)
      .setSubject(issued.subjectId)
      .setJti(issued.tokenId)
      .setIssuedAt(seconds(issued.issuedAt))
      .setExpirationTime(seconds(issued.expiresAt))
      .sign(this.config.key.privateKey);
  }

  /** Checks signature, issuer, audience, type and expiry against our clock. */
  async verify(token: string, now: Date): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.config.key.publicKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [this.config.key.algorithm],
        typ: IMPERSONATION_TOKEN_TYPE,
        currentDate: now,
      });
      const claims = asClaims(payload);
      return claims ? { status: 'valid', claims } : { status: 'invalid' };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        const claims = asClaims(error.payload);
        if (claims) return { status: 'expired', claims };
      }
      return { status: 'invalid' };
    }
  }
}
