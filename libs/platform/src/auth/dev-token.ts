import { SignJWT } from 'jose';
import { Role } from './roles';

export interface DevTokenRequest {
  secret: string;
  subject: string;
  roles: Role[];
  /** Lifetime in seconds. */
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** An HS256 token for development and tests, signed with the development secret. */
export async function signDevToken(request: DevTokenRequest): Promise<string> {
  let jwt = new SignJWT({ roles: request.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 8 * 3600}s`);
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
