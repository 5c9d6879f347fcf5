import { TestClock } from '@sportello/clock';
import { BootedApp, bootApp } from '../support/boot-app';
import { expectProblem } from '../support/problems';
import {
  closeTestInfrastructure,
  deleteRedisKeys,
  dropSchema,
  uniqueName,
} from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

afterAll(closeTestInfrastructure);

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('with SPORTELLO_TEST_CLOCK=1', () => {
  let booted: BootedApp;
  let admin: string;

  beforeAll(async () => {
    booted = await bootApp({ env: { SPORTELLO_TEST_CLOCK: '1' } });
    admin = await booted.token('admin', 'admin-1');
  });

  afterAll(() => booted.teardown());

  const move = (body: object, token = admin) =>
    booted.http.post('/test-clock').set('Authorization', `Bearer ${token}`).send(body);

  it('lets an admin read, set and advance the clock the whole service runs on', async () => {
    const moves: string[] = [];
    booted.clock.onChange((now) => moves.push(now.toISOString()));
    const read = await booted.http.get('/test-clock').set('Authorization', `Bearer ${admin}`);
    expect(read.body).toEqual({ now: '2026-03-02T09:00:00.000Z' });

    expect((await move({ set: '2026-04-30T22:00:00+02:00' }).expect(200)).body).toEqual({
      now: '2026-04-30T20:00:00.000Z',
    });
    expect((await move({ advance: { days: 45, hours: 1 } }).expect(200)).body).toEqual({
      now: '2026-06-14T21:00:00.000Z',
    });
    expect(booted.clock.now().toISOString()).toBe('2026-06-14T21:00:00.000Z');
    expect(moves).toEqual(['2026-04-30T20:00:00.000Z', '2026-06-14T21:00:00.000Z']);
  });

  it('refuses other roles and malformed moves', async () => {
    expectProblem(await move({ advance: { days: 1 } }, await booted.token('operator')), 403);
    expectProblem(await move({}), 400, 'validation-failed');
    expectProblem(await move({ set: '2026-05-01T00:00:00Z', advance: { days: 1 } }), 400);
    expectProblem(await move({ set: '2026-05-01T00:00:00' }), 400, 'validation-failed');
    expectProblem(await move({ advance: { days: -1 } }), 400, 'validation-failed');
    // Found by the fuzz: both were 500s.
    expectProblem(await move({ advance: null }), 400, 'validation-failed');
    expectProblem(await move({ set: '0000-01-01T00:00:00Z' }), 400, 'validation-failed');
    expect(booted.clock.now().toISOString()).toBe('2026-06-14T21:00:00.000Z');
  });
});

describe('without SPORTELLO_TEST_CLOCK', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({ env: { SPORTELLO_TEST_CLOCK: '0' } });
  });

  afterAll(() => booted.teardown());

  it('has no test-clock endpoint at all', async () => {
    const admin = `Bearer ${await booted.token('admin')}`;
    expectProblem(await booted.http.get('/test-clock').set('Authorization', admin), 404);
    expectProblem(
      await booted.http
        .post('/test-clock')
        .set('Authorization', admin)
        .send({ advance: { days: 1 } }),
      404,
    );
  });
});

describe('an API and a worker running as separate processes', () => {
  const schema = uniqueName('e2e_clock');
  const redisPrefix = uniqueName('sportello-e2e-clock');
  let api: BootedApp;
  let worker: BootedApp;

  beforeAll(async () => {
    api = await bootApp({
      kind: 'api',
      schema,
      redisPrefix,
      clock: new TestClock('2026-03-02T09:00:00Z'),
    });
    worker = await bootApp({
      kind: 'worker',
      schema,
      redisPrefix,
      clock: new TestClock('2030-01-01T00:00:00Z'),
    });
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await dropSchema(schema);
    await deleteRedisKeys(redisPrefix);
  });

  it('share one test clock: a process joining takes the shared instant, and moves reach every process', async () => {
    expect(worker.clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    await api.http
      .post('/test-clock')
      .set('Authorization', `Bearer ${await api.token('admin')}`)
      .send({ advance: { days: 30 } })
      .expect(200);
    await until(
      () => worker.clock.now().toISOString() === '2026-04-01T09:00:00.000Z',
      'the worker clock',
    );
  });
});
