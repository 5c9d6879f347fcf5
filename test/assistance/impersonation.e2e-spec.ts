import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { closeTestInfrastructure } from '../support/test-infrastructure';
import { CALLER, client, eventually, INVOLVED } from './support';

// Booting an application takes seconds on a busy machine.
jest.setTimeout(60_000);

const PLATFORM_AUDIENCE = 'urn:anastasis:online-services';
const ISSUER = 'urn:sportello:assistance';

describe('impersonation over HTTP (real PostgreSQL and Redis, test clock)', () => {
  let booted: BootedApp;
  let c: Awaited<ReturnType<typeof client>>;

  beforeAll(async () => {
    booted = await bootApp();
    c = await client(booted);
  });

  afterAll(async () => {
    await booted.teardown();
    await closeTestInfrastructure();
  });

  /** The online platform's side: reports under the impersonation token. */
  const report = (token: string, kind: string, area: string, resource = `/${area}`) =>
    booted.http
      .post('/v1/assistance/impersonation/activity')
      .set('Authorization', `Bearer ${token}`)
      .send({ kind, area, resource });
  const introspect = async (token: string) =>
    (await booted.http.post('/v1/assistance/tokens/introspect').send({ token }).expect(200))
      .body as { active: boolean } & Record<string, unknown>;

  async function requested(ticketId: string, areas = ['profile', 'login']) {
    const response = await c
      .post(`/v1/assistance/tickets/${ticketId}/impersonation-sessions`, {
        platform: 'customer-portal',
        purpose: 'Riprodurre l’errore di login',
        areas,
      })
      .expect(201);
    return response.body.sessionId as string;
  }

  async function consent(
    ticketId: string,
    sessionId: string,
    givenAt: string,
    expiresAt: string,
  ): Promise<string> {
    const response = await c
      .post(`/v1/assistance/tickets/${ticketId}/consents`, {
        kind: 'impersonation',
        sessionId,
        channel: 'phone',
        givenAt,
        expiresAt,
        evidenceReference: 'CONF-4821',
      })
      .expect(200);
    return response.body.id as string;
  }

  const start = (ticketId: string, sessionId: string, consentId: string) =>
    c.post(`/v1/assistance/tickets/${ticketId}/impersonation-sessions/${sessionId}/start`, {
      consentId,
    });

  async function live(at: string, consentUntil: string) {
    await c.setClock(at);
    const { ticketId } = await c.open();
    const sessionId = await requested(ticketId);
    const consentId = await consent(ticketId, sessionId, at, consentUntil);
    const started = await start(ticketId, sessionId, consentId).expect(200);
    return { ticketId, sessionId, consentId, token: started.body.token as string, started };
  }

  it('AS-32: refuses impersonation on a device problem with IMP-1, records the refusal, issues no token', async () => {
    const { ticketId } = await c.open({
      problem: { category: 'DEVICE', summary: 'Il driver della stampante non si installa' },
    });
    const refused = await c.post(`/v1/assistance/tickets/${ticketId}/impersonation-sessions`, {
      platform: 'customer-portal',
      purpose: 'Riprodurre il problema',
      areas: ['login'],
    });
    expect(expectProblem(refused, 422, 'rule-violation')).toMatchObject({
      ruleId: 'IMP-1',
      recorded: 'ImpersonationRefused',
    });
    const trail = await c.audit(ticketId);
    expect(trail.map((e) => e.type)).toEqual(['AssistanceTicketOpened', 'ImpersonationRefused']);
    expect(trail[1]).toMatchObject({
      actor: { id: 'op-1' },
      data: {
        ruleId: 'IMP-1',
        operatorId: 'op-1',
        reason: 'The problem does not concern one of the online services',
      },
    });
  });

  it('IMP-5: refuses to start without consent, with an expired consent, and with a consent for another session', async () => {
    await c.setClock('2026-03-03T09:00:00Z');
    const { ticketId } = await c.open();
    const first = await requested(ticketId);
    const second = await requested(ticketId);

    const none = await start(ticketId, first, uuidv7());
    expect(expectProblem(none, 422, 'rule-violation')).toMatchObject({
      ruleId: 'IMP-5',
      field: 'consentId',
    });

    const forSecond = await consent(
      ticketId,
      second,
      '2026-03-03T09:00:00Z',
      '2026-03-03T10:00:00Z',
    );
    const other = await start(ticketId, first, forSecond);
    expect(expectProblem(other, 422)).toMatchObject({
      ruleId: 'IMP-5',
      detail: 'This consent was given for another session',
    });

    const short = await consent(ticketId, first, '2026-03-03T09:00:00Z', '2026-03-03T09:10:00Z');
    await c.setClock('2026-03-03T09:11:00Z');
    const expired = await start(ticketId, first, short);
    expect(expectProblem(expired, 422)).toMatchObject({
      ruleId: 'IMP-5',
      detail: 'This consent has expired',
    });
    expect(await c.types(ticketId)).not.toContain('ImpersonationTokenIssued');
  });

  it('issues a signed, read-only, ticket-scoped token the platform verifies with the JWKS; views are recorded, writes and payments refused and recorded (AS-33)', async () => {
    const { ticketId, sessionId, consentId, token, started } = await live(
      '2026-03-04T09:00:00Z',
      '2026-03-04T10:00:00Z',
    );
    expect(started.body).toMatchObject({
      ticketId,
      sessionId,
      expiresAt: '2026-03-04T09:10:00.000Z',
    });

    const jwks = (await booted.http.get('/.well-known/jwks.json').expect(200)).body;
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' }),
    ]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    const currentDate = new Date('2026-03-04T09:01:00Z');
    const options = { issuer: ISSUER, audience: PLATFORM_AUDIENCE, currentDate };
    const local = await jwtVerify(token, createLocalJWKSet(jwks), options);
    const remote = await jwtVerify(
      token,
      createRemoteJWKSet(new URL('/.well-known/jwks.json', booted.url)),
      options,
    );
    expect(remote.payload).toEqual(local.payload);
    const detail = (await c.get(`/v1/assistance/tickets/${ticketId}`).expect(200)).body;
    const caller = detail.people.find((p: { role: string }) => p.role === 'caller');
    expect(local.payload).toMatchObject({
      iss: ISSUER,
      aud: PLATFORM_AUDIENCE,
      sub: caller.subjectId,
      act: { sub: 'op-1' },
      scope: 'read',
      ticket_id: ticketId,
      session_id: sessionId,
      areas: ['profile', 'login'],
      iat: Date.parse('2026-03-04T09:00:00Z') / 1000,
      exp: Date.parse('2026-03-04T09:10:00Z') / 1000,
      jti: expect.any(String),
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'impersonation+jwt' });
    // Beyond the subject id, no personal data travels in the token.
    for (const value of [...Object.values(CALLER), ...Object.values(INVOLVED)])
      expect(JSON.stringify(local.payload)).not.toContain(value);

    expect(await introspect(token)).toMatchObject({
      active: true,
      sub: caller.subjectId,
      act: { sub: 'op-1' },
      session_id: sessionId,
    });

    await c.setClock('2026-03-04T09:01:00Z');
    const etag = (await c.get(`/v1/assistance/tickets/${ticketId}`).expect(200)).headers.etag;
    expect(etag).toBe('"4"');
    await report(token, 'view', 'login', '/account/login').expect(200, {
      recorded: 'ImpersonationResourceViewed',
    });
    const email = await report(token, 'write', 'profile', '/account/profile/email');
    expect(expectProblem(email, 422, 'rule-violation')).toMatchObject({
      ruleId: 'IMP-4',
      recorded: 'ImpersonationActionBlocked',
    });
    const payment = await report(token, 'payment', 'profile', '/account/payments/confirm');
    expect(expectProblem(payment, 422)).toMatchObject({ ruleId: 'IMP-4' });
    const history = await report(token, 'view', 'payments', '/account/payments/history');
    expect(expectProblem(history, 422)).toMatchObject({ ruleId: 'IMP-3', field: 'area' });

    const trail = await c.audit(ticketId);
    expect(trail.map((e) => e.type)).toEqual([
      'AssistanceTicketOpened',
      'ImpersonationRequested',
      'CustomerConsentRecorded',
      'ImpersonationSessionStarted',
      'ImpersonationTokenIssued',
      'ImpersonationResourceViewed',
      'ImpersonationActionBlocked',
      'ImpersonationActionBlocked',
      'ImpersonationActionBlocked',
    ]);
    expect(trail[2].data).toMatchObject({
      consentId,
      sessionId,
      channel: 'phone',
      givenAt: '2026-03-04T09:00:00.000Z',
      expiresAt: '2026-03-04T10:00:00.000Z',
      evidenceReference: 'CONF-4821',
    });
    expect(trail[4].data).toMatchObject({ tokenId: local.payload.jti, scope: 'read' });
    expect(trail[5]).toMatchObject({
      actor: { id: 'op-1' },
      data: { area: 'login', resource: '/account/login', sessionId },
    });
    expect(trail.slice(6).map((e) => [e.data.attempted, e.data.ruleId])).toEqual([
      ['write', 'IMP-4'],
      ['payment', 'IMP-4'],
      ['view', 'IMP-3'],
    ]);

    // What the platform reported moves no ETag: the operator's If-Match still holds.
    const endPath = `/v1/assistance/tickets/${ticketId}/impersonation-sessions/${sessionId}/end`;
    expectProblem(
      await c.post(endPath, { outcome: 'not_resolved' }).set('If-Match', '"3"'),
      412,
      'precondition-failed',
    );
    const ended = await c.post(endPath, { outcome: 'not_resolved' }).set('If-Match', etag);
    expect(ended.status).toBe(200);
    expect(ended.headers.etag).toBe('"9"');
    const afterEnd = await report(token, 'view', 'login');
    expect(expectProblem(afterEnd, 401, 'unauthorized')).toMatchObject({
      ruleId: 'IMP-5',
      refusal: 'session_not_active',
    });
    expect(afterEnd.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    expect(await introspect(token)).toEqual({ active: false });
    expect((await c.types(ticketId)).slice(-2)).toEqual([
      'ImpersonationSessionEnded',
      'ImpersonationTokenRefused',
    ]);
  });

  it('withdrawal of the consent ends the session at once; the token is refused', async () => {
    const { ticketId, consentId, token } = await live(
      '2026-03-05T09:00:00Z',
      '2026-03-05T10:00:00Z',
    );
    await report(token, 'view', 'profile').expect(200);
    await c
      .post(`/v1/assistance/tickets/${ticketId}/consents/${consentId}/withdrawal`, {})
      .expect(200);
    const refused = await report(token, 'view', 'profile');
    expect(expectProblem(refused, 401)).toMatchObject({
      ruleId: 'IMP-5',
      refusal: 'consent_withdrawn',
    });
    expect(await introspect(token)).toEqual({ active: false });
    const trail = await c.audit(ticketId);
    expect(trail.slice(-3).map((e) => [e.type, e.data.refusal ?? e.data.reason])).toEqual([
      ['CustomerConsentWithdrawn', undefined],
      ['ImpersonationSessionEnded', 'consent_withdrawn'],
      ['ImpersonationTokenRefused', 'consent_withdrawn'],
    ]);
  });

  it('a token lives at most its own 10 minutes and never past the consent; at consent expiry the timer ends the session', async () => {
    const { ticketId, sessionId, token } = await live(
      '2026-03-06T09:00:00Z',
      '2026-03-06T09:30:00Z',
    );
    await c.setClock('2026-03-06T09:10:00Z');
    const stale = await report(token, 'view', 'login');
    expect(expectProblem(stale, 401)).toMatchObject({ ruleId: 'IMP-5', refusal: 'token_expired' });
    expect(await introspect(token)).toEqual({ active: false });

    await c.setClock('2026-03-06T09:25:00Z');
    const renewed = await c
      .post(`/v1/assistance/tickets/${ticketId}/impersonation-sessions/${sessionId}/tokens`, {})
      .expect(200);
    expect(renewed.body.expiresAt).toBe('2026-03-06T09:30:00.000Z');
    await report(renewed.body.token, 'view', 'login').expect(200);
    expect((await introspect(renewed.body.token)).active).toBe(true);

    await c.setClock('2026-03-06T09:30:00Z');
    await eventually(
      async () => (await c.types(ticketId)).includes('ImpersonationSessionExpired'),
      'the session to expire with its consent',
    );
    const expired = (await c.audit(ticketId)).find((e) => e.type === 'ImpersonationSessionExpired');
    expect(expired).toMatchObject({
      actor: { id: 'system:consent-expiry-timer' },
      data: { sessionId, expiredAt: '2026-03-06T09:30:00.000Z' },
    });
    const refused = await report(renewed.body.token, 'view', 'login');
    expect(expectProblem(refused, 401)).toMatchObject({ ruleId: 'IMP-5' });
    expect(await introspect(renewed.body.token)).toEqual({ active: false });
    expectProblem(
      await c.post(
        `/v1/assistance/tickets/${ticketId}/impersonation-sessions/${sessionId}/tokens`,
        {},
      ),
      422,
    );
  });

  it('refuses a forged or malformed token without recording anything, and answers introspection with active: false', async () => {
    const { ticketId, token } = await live('2026-03-07T09:00:00Z', '2026-03-07T10:00:00Z');
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(64, 1).toString('base64url')}`;
    expectProblem(await report(forged, 'view', 'login'), 401, 'unauthorized');
    expectProblem(await report('not-a-token', 'view', 'login'), 401, 'unauthorized');
    expectProblem(
      await booted.http
        .post('/v1/assistance/impersonation/activity')
        .send({ kind: 'view', area: 'login', resource: '/x' }),
      401,
    );
    const staff = await c.tokens.operator;
    expectProblem(await report(staff, 'view', 'login'), 401);
    expect(await introspect(forged)).toEqual({ active: false });
    expect(await introspect(staff)).toEqual({ active: false });
    expect(await c.types(ticketId)).not.toContain('ImpersonationTokenRefused');
  });

  it('states its roles: auditors read but never act, admins see no ticket data, operators no audit view', async () => {
    const { ticketId } = await c.open();
    expectProblem(
      await c.post(
        `/v1/assistance/tickets/${ticketId}/impersonation-sessions`,
        { platform: 'customer-portal', purpose: 'x', areas: ['login'] },
        c.tokens.auditor,
      ),
      403,
      'forbidden',
    );
    expectProblem(await c.get(`/v1/assistance/tickets/${ticketId}`, c.tokens.admin), 403);
    expectProblem(await c.get(`/v1/assistance/tickets/${ticketId}/audit`), 403);
    await c.get(`/v1/assistance/tickets/${ticketId}`, c.tokens.auditor).expect(200);
    await c.get(`/v1/assistance/tickets/${ticketId}/audit`, c.tokens.privacy).expect(200);
  });

  it('writes no personal data and no token to the logs', async () => {
    const logs = booted.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    for (const value of [...Object.values(CALLER), ...Object.values(INVOLVED)])
      expect(logs).not.toContain(value);
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  });
});
