import { Controller, Get } from '@nestjs/common';
import { SignJWT } from 'jose';
import { Role, ROLES, signDevToken } from '@sportello/platform';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import { concretePath, declaredRoutes, DeclaredRoute, servedRoutes } from '../support/routes';
import { closeTestInfrastructure, TEST_AUTH_SECRET } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

function request(booted: BootedApp, route: DeclaredRoute, token?: string) {
  const path = concretePath(route.path);
  const call =
    route.method === 'POST'
      ? booted.http.post(path).send({})
      : route.method === 'GET'
        ? booted.http.get(path)
        : booted.http[route.method.toLowerCase() as 'put' | 'patch' | 'delete'](path);
  return token ? call.set('Authorization', `Bearer ${token}`) : call;
}

afterAll(closeTestInfrastructure);

describe('every route of the real application declares who may call it', () => {
  let booted: BootedApp;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    booted = await bootApp({ kind: 'sportello', env: { SPORTELLO_TEST_CLOCK: '1' } });
    routes = declaredRoutes(booted.app);
  });

  afterAll(async () => {
    await booted.teardown();
  });

  it('serves exactly the routes Nest declares, each with an access declaration', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(servedRoutes(booted.app).map(key).sort()).toEqual(routes.map(key).sort());
    expect(routes.filter((route) => !route.access).map(key)).toEqual([]);
  });

  it('answers 401 without a token, with a bad signature and when expired, on every non-public route', async () => {
    const forged = await signDevToken({
      secret: 'another-secret-that-is-long-enough-0000',
      subject: 'op-1',
      roles: [...ROLES],
    });
    const expired = await new SignJWT({ roles: [...ROLES] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('op-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_AUTH_SECRET));
    const protectedRoutes = routes.filter((route) => route.access?.kind === 'roles');
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const route of protectedRoutes) {
      const anonymous = await request(booted, route);
      expectProblem(anonymous, 401, 'unauthorized');
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expectProblem(await request(booted, route, forged), 401, 'unauthorized');
      expectProblem(await request(booted, route, expired), 401, 'unauthorized');
      expectProblem(await request(booted, route, 'not.a.jwt'), 401, 'unauthorized');
    }
  });

  it('answers 403 for every role a route does not declare, and for a token without roles', async () => {
    for (const route of routes) {
      if (route.access?.kind !== 'roles') continue;
      const declared = route.access.roles;
      const others = ROLES.filter((role) => !declared.includes(role));
      for (const role of others)
        expectProblem(await request(booted, route, await booted.token(role)), 403, 'forbidden');
      expectProblem(await request(booted, route, await booted.token([])), 403, 'forbidden');
      expectProblem(
        await request(booted, route, await booted.token(['customer'])),
        403,
        'forbidden',
      );
      for (const role of declared) {
        const allowed = await request(booted, route, await booted.token(role as Role));
        expect([401, 403]).not.toContain(allowed.status);
      }
    }
  });

  it('serves the public routes without a token', async () => {
    const open = routes.filter((route) => route.access?.kind === 'public');
    expect(open.map(key).sort()).toEqual(
      [
        'GET /docs',
        'GET /docs-json',
        'GET /docs/swagger-ui-init.js',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
        // For the online platform: it verifies impersonation tokens and reports under them.
        'GET /.well-known/jwks.json',
        'POST /v1/assistance/tokens/introspect',
        'POST /v1/assistance/impersonation/activity',
        // The supervisors' dashboard page and its assets: no data; the API it calls needs a token.
        'GET /dashboard',
        'GET /dashboard/dashboard.css',
        'GET /dashboard/dashboard.js',
      ].sort(),
    );
    for (const route of open.filter((r) => key(r).startsWith('GET ')))
      expect((await request(booted, route)).status).toBe(200);
    // The POSTs are authenticated by the impersonation token they carry, not by a bearer.
    for (const route of open.filter((r) => key(r).startsWith('POST ')))
      expect([400, 401]).toContain((await request(booted, route)).status);
  });
});

@Controller('forgotten')
class ForgottenController {
  @Get()
  leak(): string {
    return 'nobody declared who may read this';
  }
}

describe('a route without a declaration', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({
      modules: [{ module: class ForgottenModule {}, controllers: [ForgottenController] }],
    });
  });

  afterAll(async () => {
    await booted.teardown();
  });

  it('is found by the walker and refused to everyone, even an admin', async () => {
    const undeclared = declaredRoutes(booted.app).filter((route) => !route.access);
    expect(undeclared.map(key)).toEqual(['GET /forgotten']);
    expectProblem(await booted.http.get('/forgotten'), 403, 'forbidden');
    expectProblem(
      await booted.http
        .get('/forgotten')
        .set('Authorization', `Bearer ${await booted.token([...ROLES])}`),
      403,
      'forbidden',
    );
  });
});
