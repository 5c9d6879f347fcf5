import { TestClock } from '@sportello/clock';
import Redis from 'ioredis';
import { BootedApp, bootApp } from '../support/boot-app';
import {
  closeTestInfrastructure,
  deleteRedisKeys,
  dropSchema,
  TEST_REDIS_URL,
  uniqueName,
} from '../support/test-infrastructure';

jest.setTimeout(90_000);

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 20_000;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/**
 * Issue 4: "another flushes Redis, restarts the worker and still sees a later deadline fire".
 * The API and the worker run as separate applications on one schema and key prefix.
 */
describe('a deadline survives a Redis flush and a worker restart', () => {
  const schema = uniqueName('e2e_recovery');
  const redisPrefix = uniqueName('sportello-e2e-recovery');
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let api: BootedApp;
  let worker: BootedApp | null = null;

  const keysOfPrefix = async () => redis.keys(`${redisPrefix}*`);

  beforeAll(async () => {
    await redis.connect();
    const clock = () => new TestClock('2026-03-02T09:00:00Z');
    api = await bootApp({ kind: 'api', schema, redisPrefix, clock: clock() });
    worker = await bootApp({ kind: 'worker', schema, redisPrefix, clock: clock() });
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
    await dropSchema(schema);
    await deleteRedisKeys(redisPrefix);
    redis.disconnect();
    await closeTestInfrastructure();
  });

  it('re-arms the answer deadline from the log at worker start, and it fires on time', async () => {
    const operator = await api.token('operator', 'op-1');
    const admin = await api.token('admin', 'admin-1');
    const filed = await api.http
      .post('/v1/complaints')
      .set('Authorization', `Bearer ${operator}`)
      .send({
        operator: 'FASTWEB',
        customer: {
          customerType: 'residential',
          name: 'Paola Neri',
          fiscalCode: 'NREPLA70A41H501X',
        },
        channel: 'phone',
        receivedAt: '2026-03-02T09:00:00+01:00',
        category: 'service_quality',
        description: 'Disservizio',
      })
      .expect(201);
    const id = filed.body.complaintId as string;
    expect(filed.body.answerDueAt).toBe('2026-04-16T21:59:59.999Z');

    // The worker arms a delayed job for it; then the worker stops and Redis loses everything.
    await eventually(
      async () => (await keysOfPrefix()).some((key) => key.includes('delayed')),
      'the armed deadline job',
    );
    await worker!.close();
    await deleteRedisKeys(redisPrefix);
    expect(await keysOfPrefix()).toEqual([]);

    worker = await bootApp({
      kind: 'worker',
      schema,
      redisPrefix,
      clock: new TestClock('2026-03-02T09:00:00Z'),
    });
    await eventually(
      async () => (await keysOfPrefix()).some((key) => key.includes('delayed')),
      'the deadline job re-armed by the reconciler',
    );

    const detail = async () =>
      (await api.http.get(`/v1/complaints/${id}`).set('Authorization', `Bearer ${operator}`))
        .body as { timeline: { type: string }[]; deadlineMissed: boolean };

    // One minute before the deadline nothing happens; just after it the miss is recorded.
    await api.http
      .post('/test-clock')
      .set('Authorization', `Bearer ${admin}`)
      .send({ set: '2026-04-16T23:59:00+02:00' })
      .expect(200);
    await eventually(
      async () => worker!.clock.now().toISOString() === '2026-04-16T21:59:00.000Z',
      'the worker to follow the shared clock',
    );
    expect((await detail()).deadlineMissed).toBe(false);
    await api.http
      .post('/test-clock')
      .set('Authorization', `Bearer ${admin}`)
      .send({ set: '2026-04-17T00:00:05+02:00' })
      .expect(200);
    await eventually(async () => (await detail()).deadlineMissed, 'the missed deadline');
    const missed = (await detail()).timeline.filter(
      (e) => e.type === 'ComplaintAnswerDeadlineMissed',
    );
    expect(missed).toHaveLength(1);
  });
});
