import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { ConfigurationError } from '@sportello/platform';
import { ImpersonationTokenIssued } from '../../domain/assistance.events';
import { resolveAssistanceTokenConfig } from './assistance-token-config';
import { ImpersonationTokens } from './impersonation-tokens';

const issued: ImpersonationTokenIssued['data'] = {
  ticketId: '01a20386-0000-7000-8000-00000000a001',
  sessionId: '01a20386-0000-7000-8000-00000000a002',
  tokenId: 'jti-1',
  subjectId: 'sub-1',
  operatorId: 'op-1',
  audience: 'urn:anastasis:online-services',
  scope: 'read',
  issuedAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-03-02T09:10:00.000Z',
};
const session = { platform: 'customer-portal', areas: ['login'] };

function problems(env: Record<string, string>, mode: 'production' | 'test' = 'test') {
  try {
    resolveAssistanceTokenConfig(env, mode);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return error.problems;
  }
}

describe('assistance token configuration', () => {
  it('generates an in-memory Ed25519 key outside production, and requires one in production', () => {
    const config = resolveAssistanceTokenConfig({}, 'development');
    expect(config).toMatchObject({
      key: { algorithm: 'EdDSA', generated: true },
      ttlSeconds: 600,
      issuer: 'urn:sportello:assistance',
      audience: 'urn:anastasis:online-services',
    });
    expect(problems({}, 'production')).toEqual([
      { variable: 'ASSISTANCE_SIGNING_KEY', message: expect.stringContaining('required') },
    ]);
  });

  it('reads an Ed25519 or P-256 key as PKCS8 PEM or private JWK', () => {
    const ed = generateKeyPairSync('ed25519').privateKey;
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const pem = ed.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(
      resolveAssistanceTokenConfig({ ASSISTANCE_SIGNING_KEY: pem }, 'production').key,
    ).toMatchObject({
      algorithm: 'EdDSA',
      generated: false,
    });
    const jwk = JSON.stringify(p256.export({ format: 'jwk' }));
    expect(
      resolveAssistanceTokenConfig({ ASSISTANCE_SIGNING_KEY: jwk }, 'production').key.algorithm,
    ).toBe('ES256');
  });

  it('names the variable and never echoes the value', () => {
    const secretish = '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----';
    const found = problems({
      ASSISTANCE_SIGNING_KEY: secretish,
      ASSISTANCE_TOKEN_TTL_SECONDS: '3600',
    });
    expect(found.map((p) => p.variable)).toEqual([
      'ASSISTANCE_SIGNING_KEY',
      'ASSISTANCE_TOKEN_TTL_SECONDS',
    ]);
    expect(JSON.stringify(found)).not.toContain('not-a-key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(
      problems({ ASSISTANCE_SIGNING_KEY: rsa.export({ format: 'pem', type: 'pkcs8' }).toString() }),
    ).toHaveLength(1);
  });
});

describe('impersonation tokens', () => {
  const tokens = new ImpersonationTokens(resolveAssistanceTokenConfig({}, 'test'));

  it('signs what the decider recorded, verifiable with the published key set (RFC 8693 act)', async () => {
    const token = await tokens.sign(issued, session);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(tokens.jwks()), {
      issuer: 'urn:sportello:assistance',
      audience: 'urn:anastasis:online-services',
      currentDate: new Date('2026-03-02T09:05:00Z'),
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'impersonation+jwt' });
    expect(payload).toEqual({
      iss: 'urn:sportello:assistance',
      aud: 'urn:anastasis:online-services',
      sub: 'sub-1',
      act: { sub: 'op-1' },
      scope: 'read',
      ticket_id: issued.ticketId,
      session_id: issued.sessionId,
      platform: 'customer-portal',
      areas: ['login'],
      jti: 'jti-1',
      iat: Date.parse(issued.issuedAt) / 1000,
      exp: Date.parse(issued.expiresAt) / 1000,
    });
  });

  it('verifies against our clock: valid before exp, expired (claims kept) after, invalid when forged', async () => {
    const token = await tokens.sign(issued, session);
    expect(await tokens.verify(token, new Date('2026-03-02T09:09:59Z'))).toMatchObject({
      status: 'valid',
    });
    expect(await tokens.verify(token, new Date('2026-03-02T09:10:00Z'))).toMatchObject({
      status: 'expired',
      claims: { jti: 'jti-1' },
    });
    const other = new ImpersonationTokens(resolveAssistanceTokenConfig({}, 'test'));
    expect(await other.verify(token, new Date('2026-03-02T09:05:00Z'))).toEqual({
      status: 'invalid',
    });
    const elsewhere = await tokens.sign({ ...issued, audience: 'urn:other' }, session);
    expect(await tokens.verify(elsewhere, new Date('2026-03-02T09:05:00Z'))).toEqual({
      status: 'invalid',
    });
  });
});
