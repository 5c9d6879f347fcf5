/**
 * Fault injection 3: PostgreSQL stops under load. While it is down the API answers 503
 * problem+json (never a 500, never a hang); nothing is half-written; once it is back the same
 * API and worker processes recover on their own: filings succeed again and reach the read
 * models.
 */
import { Pool } from 'pg';
import { call, Deployment, eventually, JsonResponse, Running } from './support/deployment';
import { startLoad } from './support/load';
import { PrivatePostgres, PrivateRedis } from './support/private-services';
import { complaintBody, now } from './support/tickets';

jest.setTimeout(240_000);

describe('PostgreSQL stopping under load', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let deployment: Deployment;
  let api: Running;
  let worker: Running;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    redis = await PrivateRedis.start();
    deployment = new Deployment({ databaseUrl: pg.url, redisUrl: redis.url });
    api = await deployment.start('api');
    worker = await deployment.start('worker');
  });

  afterAll(async () => {
    if (worker) await deployment.stop(worker);
    if (api) await deployment.stop(api);
    await redis?.destroy();
    await pg?.destroy();
    deployment?.dispose();
  });

  it.each(['fast', 'immediate'] as const)(
    'answers 503 while it is down (%s stop), writes nothing by halves and recovers without a restart',
    async (mode) => {
      const operator = await deployment.token(['operator']);
      const auditor = await deployment.token(['auditor'], 'chaos-auditor');
      const admin = await deployment.token(['admin'], 'chaos-admin');
      const at = await now(api.url, admin);
      const load = startLoad(api.url, operator, () => at, 3);
      let stopped: ReturnType<typeof load.stop> | null = null;
      const stopLoad = () => (stopped ??= load.stop());
      try {
        await new Promise((resolve) => setTimeout(resolve, 2_000));

        pg.stopServer(mode);
        let during: JsonResponse | null = null;
        await eventually(
          async () => {
            during = await call(api.url, 'POST', '/v1/complaints', {
              token: operator,
              body: complaintBody(at),
              timeoutMs: 20_000,
            });
            return during.status === 503;
          },
          'a 503 while the database is down',
          30_000,
        );
        expect(during!.contentType).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(during!.text)).toMatchObject({
          type: 'urn:sportello:problem:service-unavailable',
          status: 503,
        });
        const ready = await call(api.url, 'GET', '/health/ready', { timeoutMs: 20_000 });
        expect(ready.status).toBe(503);
        await new Promise((resolve) => setTimeout(resolve, 3_000));

        pg.startServer();
        // The same processes, not restarted, serve again.
        let recovered: JsonResponse | null = null;
        await eventually(
          async () => {
            recovered = await call(api.url, 'POST', '/v1/complaints', {
              token: operator,
              body: complaintBody(at),
            });
            return recovered.status === 201;
          },
          'a filing to succeed again',
          30_000,
        );
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const result = await stopLoad();
        expect(api.child.exitCode).toBeNull();
        expect(worker.child.exitCode).toBeNull();
        expect(result.bad).toEqual([]);
        expect(result.statuses.get(503)).toBeGreaterThan(0);
        expect((await call(api.url, 'GET', '/health/ready')).status).toBe(200);

        // The worker's read models follow again: the filing made after the recovery is listed.
        const trackingCode = recovered!.body.trackingCode as string;
        await eventually(
          async () => {
            const list = await call<{ items: { trackingCode: string }[] }>(
              api.url,
              'GET',
              `/v1/complaints?trackingCode=${trackingCode}`,
              { token: operator },
            );
            return list.body.items?.some((item) => item.trackingCode === trackingCode) ?? false;
          },
          'the read model to show a filing made after the outage',
          30_000,
        );

        // Every acknowledged filing is there, whole; every stream complete and its chain intact.
        for (const id of result.complaints)
          expect(
            (await call(api.url, 'GET', `/v1/complaints/${id}`, { token: operator })).status,
          ).toBe(200);
        for (const id of result.faults)
          expect((await call(api.url, 'GET', `/v1/faults/${id}`, { token: operator })).status).toBe(
            200,
          );
        const db = new Pool({ connectionString: pg.url, max: 1 });
        try {
          const { rows: broken } = await db.query(
            `SELECT stream FROM ${deployment.schema}.events GROUP BY stream
            HAVING min(revision) <> 0 OR count(*) <> max(revision) + 1`,
          );
          expect(broken).toEqual([]);
          const { rows: headless } = await db.query(
            `SELECT stream, type FROM ${deployment.schema}.events
            WHERE revision = 0 AND ((stream LIKE 'complaint-%' AND type <> 'ComplaintFiled')
                                 OR (stream LIKE 'fault-%' AND type <> 'FaultReported'))`,
          );
          expect(headless).toEqual([]);
        } finally {
          await db.end();
        }
        const integrity = await call(api.url, 'GET', '/v1/audit/integrity', {
          token: auditor,
          timeoutMs: 60_000,
        });
        expect(integrity.status).toBe(200);
        expect(integrity.body).toMatchObject({ ok: true });
      } finally {
        await stopLoad();
      }
    },
  );
});
