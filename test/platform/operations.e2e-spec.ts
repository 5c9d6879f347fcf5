import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { MetricsService, REDIS } from '@sportello/platform';
import { BootedApp, bootApp } from '../support/boot-app';
import { Gate, NOTE_GATE } from '../support/gate';
import { NoteTestModule } from '../support/note/note.module';
import { personalNote } from '../support/note/note-fixtures';
import { expectProblem } from '../support/problems';
import { SLOW_GATE, SLOW_QUEUE, SlowJobTestModule } from '../support/slow-job/slow-job.module';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

afterAll(closeTestInfrastructure);

describe('health and metrics', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({ modules: [NoteTestModule] });
  });

  afterAll(() => booted.teardown());

  it('reports liveness, and readiness of the database, the event store and Redis', async () => {
    expect((await booted.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await booted.http.get('/health/ready').expect(200)).body).toEqual({
      status: 'ok',
      checks: { database: 'up', eventStore: 'up', redis: 'up' },
    });
  });

  it('exports request counts and latency by route, command outcomes, projection lag and queue depths', async () => {
    const token = await booted.token('operator');
    const created = await booted.http
      .post('/test-notes')
      .set('Authorization', `Bearer ${token}`)
      .send(personalNote())
      .expect(201);
    const id = created.body.noteId as string;
    await booted.http
      .post(`/test-notes/${id}/amendments`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', '"7"')
      .send({ text: 'late' })
      .expect(412);
    booted.app.get(MetricsService).setProjectionLag('complaints-list', 12);

    const metrics = (await booted.http.get('/metrics').expect(200)).text;
    expect(metrics).toContain(
      'sportello_http_requests_total{method="POST",route="/test-notes",status="201"} 1',
    );
    expect(metrics).toMatch(
      /sportello_http_request_duration_seconds_count\{method="POST",route="\/test-notes\/:id\/amendments",status="412"\} 1/,
    );
    expect(metrics).toContain(
      'sportello_commands_total{type="WriteTestNote",outcome="accepted"} 1',
    );
    expect(metrics).toContain('sportello_commands_total{type="AmendTestNote",outcome="stale"} 1');
    expect(metrics).toContain('sportello_projection_lag_events{projection="complaints-list"} 12');
    expect(metrics).toMatch(/sportello_queue_jobs\{queue="maintenance",state="waiting"\} \d+/);
    expect(metrics).not.toContain(id);
  });

  it('turns readiness to 503 problem+json when Redis cannot be reached', async () => {
    booted.app.get<Redis>(REDIS).disconnect();
    const response = await booted.http.get('/health/ready');
    const body = expectProblem(response, 503, 'service-unavailable');
    expect(body.checks).toEqual({ database: 'up', eventStore: 'up', redis: 'down' });
  });
});

describe('rate limiting', () => {
  let booted: BootedApp;

  beforeAll(async () => {
    booted = await bootApp({
      modules: [NoteTestModule],
      env: { THROTTLE_LIMIT: '3', THROTTLE_TTL_SECONDS: '60' },
    });
  });

  afterAll(() => booted.teardown());

  it('answers 429 problem+json past the limit, and never throttles the probes', async () => {
    const token = await booted.token('auditor');
    const read = () =>
      booted.http
        .get(`/test-notes/0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b`)
        .set('Authorization', `Bearer ${token}`);
    for (let i = 0; i < 3; i++) expect((await read()).status).toBe(404);
    const throttled = await read();
    expectProblem(throttled, 429, 'too-many-requests');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) await booted.http.get('/health/live').expect(200);
  });
});

describe('graceful shutdown', () => {
  it('finishes the requests in flight and refuses new ones, then closes', async () => {
    const booted = await bootApp({ modules: [NoteTestModule] });
    const gate = booted.app.get<Gate>(NOTE_GATE);
    const token = await booted.token('operator');
    gate.close();
    const inFlight = booted.http
      .post('/test-notes')
      .set('Authorization', `Bearer ${token}`)
      .send(personalNote())
      .then((response) => response);
    await gate.someoneWaiting();

    let closed = false;
    const closing = booted.teardown().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(fetch(`${booted.url}/health/live`)).rejects.toThrow();
    expect(closed).toBe(false);

    gate.release();
    expect((await inFlight).status).toBe(201);
    await closing;
    expect(closed).toBe(true);
  });

  it('lets a job in flight finish before the worker stops', async () => {
    const booted = await bootApp({ modules: [SlowJobTestModule] });
    const gate = booted.app.get<Gate>(SLOW_GATE);
    const queue = booted.app.get<Queue>(getQueueToken(SLOW_QUEUE));
    gate.close();
    const job = await queue.add('double', { n: 21 });
    await gate.someoneWaiting();

    let closed = false;
    const closing = booted.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);

    gate.release();
    await closing;
    const inspector = new Queue(SLOW_QUEUE, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: booted.redisPrefix,
    });
    const finished = await Job.fromId(inspector, job.id!);
    expect(finished?.returnvalue).toEqual({ doubled: 42 });
    expect(await finished?.getState()).toBe('completed');
    await inspector.close();
    await booted.teardown();
  });
});
