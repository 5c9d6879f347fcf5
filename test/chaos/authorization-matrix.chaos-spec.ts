/**
 * Fault injection 6: the whole authorization matrix of the real application (API and worker
 * routes): every route × every role, each role's token valid, expired and signed with the wrong
 * key, plus no token, a malformed one, one without roles and one with an unknown role. Only the
 * roles a route declares get through; the OpenAPI document states exactly those roles. Extends
 * test/platform/route-access.e2e-spec.ts, which checks the same with all-role tokens.
 */
import { SignJWT } from 'jose';
import { Role, ROLES, signDevToken } from '@sportello/platform';
import { BootedApp, bootApp } from '../support/boot-app';
import { concretePath, declaredRoutes, DeclaredRoute, openApiPath } from '../support/routes';
import { closeTestInfrastructure, TEST_AUTH_SECRET } from '../support/test-infrastructure';

jest.setTimeout(300_000);

const WRONG_SECRET = 'not-the-deployment-secret-but-long-enough-0123456789';

type Token = { name: string; value: string | null; roles: string[]; valid: boolean };

async function tokensFor(roles: string[], name: string): Promise<Token[]> {
  const expired = await new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('matrix')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7_200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(new TextEncoder().encode(TEST_AUTH_SECRET));
  const sign = (secret: string) =>
    signDevToken({ secret, subject: 'matrix', roles: roles as Role[], ttlSeconds: 600 });
  return [
    { name: `${name}`, value: await sign(TEST_AUTH_SECRET), roles, valid: true },
    { name: `${name}, expired`, value: expired, roles, valid: false },
    { name: `${name}, wrong signature`, value: await sign(WRONG_SECRET), roles, valid: false },
  ];
}

describe('the authorization matrix', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({ kind: 'sportello' });
  });

  afterAll(async () => {
    await booted?.teardown();
    await closeTestInfrastructure();
  });

  function send(route: DeclaredRoute, token: string | null) {
    const path = concretePath(route.path);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const call = method === 'get' ? booted.http.get(path) : booted.http[method](path).send({});
    return token === null ? call : call.set('Authorization', `Bearer ${token}`);
  }

  it('lets exactly the declared roles through on every route, and no invalid token', async () => {
    const routes = declaredRoutes(booted.app);
    const doc = (await booted.http.get('/docs-json')).body as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const tokens: Token[] = [
      { name: 'no token', value: null, roles: [], valid: false },
      { name: 'malformed', value: 'not.a.jwt', roles: [], valid: false },
      ...(await tokensFor([], 'no roles')),
      ...(await tokensFor(['customer'], 'unknown role')),
    ];
    for (const role of ROLES) tokens.push(...(await tokensFor([role], role)));
    tokens.push(...(await tokensFor([...ROLES], 'every role')));

    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const access = route.access;
      const documented = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      if (!access) {
        wrong.push(`${route.method} ${route.path}: no access declaration`);
        continue;
      }
      if (access.kind === 'public') {
        const response = await send(route, null);
        if ([401, 403].includes(response.status) || response.status >= 500)
          wrong.push(`${route.method} ${route.path} (public) → ${response.status}`);
        checked += 1;
        continue;
      }
      if (
        documented &&
        JSON.stringify([...(documented['x-sportello-roles'] as string[])].sort()) !==
          JSON.stringify([...access.roles].sort())
      )
        wrong.push(`${route.method} ${route.path}: documented roles differ from enforced ones`);
      for (const token of tokens) {
        const response = await send(route, token.value);
        checked += 1;
        const allowed = token.roles.some((role) => (access.roles as string[]).includes(role));
        const expected = !token.valid ? [401] : allowed ? null : [403];
        const status = response.status;
        const ok =
          status < 500 &&
          (expected ? expected.includes(status) : ![401, 403].includes(status)) &&
          (status < 400 ||
            /^application\/problem\+json/.test(response.headers['content-type'] ?? ''));
        if (!ok)
          wrong.push(
            `${route.method} ${route.path} as ${token.name} → ${status} (declared: ${access.roles.join(', ')})`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length * 10);
  });
});
