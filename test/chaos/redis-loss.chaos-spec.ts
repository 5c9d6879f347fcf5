/**
 * Fault injection 2: Redis is flushed and restarted without persistence while complaints and
 * faults are filed: every delayed job is gone. Every pending deadline must still fire: the log is
 * the truth and the worker re-arms from it.
 */
import { call, chaosRounds, Deployment, eventually, Running } from './support/deployment';
import { startLoad } from './support/load';
import { PrivatePostgres, PrivateRedis } from './support/private-services';
import { now, unrecordedMisses } from './support/tickets';

const ROUNDS = Math.min(chaosRounds(3), 3);
jest.setTimeout(240_000);

describe('losing Redis under load', () => {
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

  it('fires every pending deadline after a flush and a restart without persistence', async () => {
    const operator = await deployment.token(['operator']);
    const supervisor = await deployment.token(['supervisor'], 'chaos-supervisor');
    const admin = await deployment.token(['admin'], 'chaos-admin');
    const started = await now(api.url, admin);
    const load = startLoad(api.url, operator, () => started);

    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      // Wait until the worker has armed something, then lose it all.
      await eventually(
        async () => (await redis.client.keys('*deadlines*')).length > 0,
        'armed deadlines',
        20_000,
      );
      await redis.client.flushall();
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await redis.startServer();
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const result = await load.stop();
    expect(result.bad).toEqual([]);
    expect(result.complaints.length).toBeGreaterThan(0);
    expect(result.faults.length).toBeGreaterThan(0);

    // Past every deadline filed: each must be recorded as missed.
    const moved = await call(api.url, 'POST', '/test-clock', {
      token: admin,
      body: { advance: { days: 60 } },
    });
    expect(moved.status).toBe(200);
    const clockNow = await now(api.url, admin);
    let missing: string[] = [];
    await eventually(
      async () => {
        missing = await unrecordedMisses(
          api.url,
          supervisor,
          clockNow,
          result.complaints,
          result.faults,
        );
        return missing.length === 0;
      },
      'every pending deadline to fire',
      90_000,
      1_000,
    ).catch((error) => {
      throw new Error(
        `${(error as Error).message}: ${missing.length} of ${result.complaints.length + result.faults.length} unrecorded, e.g. ${missing.slice(0, 5).join(', ')}\nworker: ${worker.process.stdout().split('\n').slice(-12).join('\n').slice(-3_000)}`,
      );
    });
  });
});
