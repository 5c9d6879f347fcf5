import { createServer, Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { PlatformConfig } from '../config/platform-config';
import { signDevToken } from './dev-token';
import { InvalidTokenError, KeySetUnavailableError, TokenVerifier } from './token-verifier';

const SECRET = 'a-development-secret-of-at-least-32-characters';

function verifierFor(auth: PlatformConfig['auth']): TokenVerifier {
  return new TokenVerifier({ auth } as PlatformConfig);
}

describe('TokenVerifier with the development secret (HS256)', () => {
  const verifier = verifierFor({ kind: 'hs256', secret: SECRET, generated: false });

  it('reads the subject and the known roles, ignoring unknown ones', async () => {
    const token = await signDevToken({
      secret: SECRET,
      subject: 'op-1',
      roles: ['operator', 'customer' as never, 'auditor'],
    });
    expect(await verifier.verify(token)).toEqual({
      subject: 'op-1',
      roles: ['operator', 'auditor'],
    });
  });

  it('refuses another signature, another algorithm, no expiry and no subject', async () => {
    const forged = await signDevToken({
      secret: `${SECRET}-other`,
      subject: 'op-1',
      roles: ['admin'],
    });
    await expect(verifier.verify(forged)).rejects.toThrow('The token signature does not verify');
    const { privateKey } = await generateKeyPair('RS256');
    const asymmetric = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('op-1')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verifier.verify(asymmetric)).rejects.toBeInstanceOf(InvalidTokenError);
    const forever = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('op-1')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifier.verify(forever)).rejects.toBeInstanceOf(InvalidTokenError);
    const nobody = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifier.verify(nobody)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('TokenVerifier with a JWKS (production)', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: { iss?: string; aud?: string }) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
    sign = ({ iss = 'https://login.example/', aud = 'sportello' }) =>
      new SignJWT({ roles: ['supervisor'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('sv-9')
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('5m')
        .sign(privateKey);
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const jwks = (url: string) =>
    verifierFor({
      kind: 'jwks',
      jwksUrl: url,
      issuer: 'https://login.example/',
      audience: 'sportello',
    });

  it('verifies a token signed by a key of the set, for this issuer and audience', async () => {
    expect(await jwks(jwksUrl).verify(await sign({}))).toEqual({
      subject: 'sv-9',
      roles: ['supervisor'],
    });
  });

  it('refuses another issuer or audience', async () => {
    await expect(
      jwks(jwksUrl).verify(await sign({ iss: 'https://evil.example/' })),
    ).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(
      jwks(jwksUrl).verify(await sign({ aud: 'another-service' })),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('reports an unreachable key set as unavailable (503), not as a bad token (401)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      jwks(`http://127.0.0.1:${port}/jwks`).verify(await sign({})),
    ).rejects.toBeInstanceOf(KeySetUnavailableError);
  });
});
