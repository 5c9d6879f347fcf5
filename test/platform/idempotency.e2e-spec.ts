import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import {
  MAINTENANCE_QUEUE,
  PURGE_IDEMPOTENCY_KEYS,
  redisOptionsFromUrl,
} from '@sportello/platform';
import { BootedApp, bootApp } from '../support/boot-app';
import { Gate, NOTE_GATE } from '../support/gate';
import { NoteTestModule } from '../support/note/note.module';
import { personalNote } from '../support/note/note-fixtures';
import { expectProblem } from '../support/problems';
import {
  closeTestInfrastructure,
  deleteRedisKeys,
  dropSchema,
  testDatabase,
  uniqueName,
} from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

describe('Idempotency-Key on POST', () => {
  const schema = uniqueName('e2e_idem');
  const redisPrefix = uniqueName('sportello-e2e-idem');
  let booted: BootedApp;
  let operator: string;

  const boot = () => bootApp({ modules: [NoteTestModule], schema, redisPrefix });

  beforeAll(async () => {
    booted = await boot();
    operator = await booted.token('operator', 'op-1');
  });

  afterAll(async () => {
    await booted.close();
    await dropSchema(schema);
    await deleteRedisKeys(redisPrefix);
    await closeTestInfrastructure();
  });

  const write = (key: string, body: object, token = operator) =>
    booted.http
      .post('/test-notes')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(body);

  async function eventCount(): Promise<number> {
    const { rows } = await testDatabase().query(`SELECT count(*)::int AS n FROM ${schema}.events`);
    return rows[0].n as number;
  }

  it('replays the first response for the same key and body, appending nothing', async () => {
    const body = personalNote();
    const first = await write('key-replay', body).expect(201);
    const before = await eventCount();
    const again = await write('key-replay', body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before);
  });

  it('refuses the same key with a different body with 422', async () => {
    await write('key-reused', personalNote()).expect(201);
    const before = await eventCount();
    expectProblem(await write('key-reused', personalNote()), 422, 'idempotency-key-reused');
    expect(await eventCount()).toBe(before);
  });

  it('keeps keys per caller: another caller with the same key runs its own request', async () => {
    const body = personalNote();
    const mine = await write('shared-key', body).expect(201);
    const other = await write('shared-key', body, await booted.token('operator', 'op-2')).expect(
      201,
    );
    expect(other.body.noteId).not.toBe(mine.body.noteId);
  });

  it('answers 409 to a duplicate sent while the first is still running', async () => {
    const gate = booted.app.get<Gate>(NOTE_GATE);
    gate.close();
    const body = personalNote();
    const first = write('key-in-flight', body).then((r) => r);
    await gate.someoneWaiting();
    const duplicate = await write('key-in-flight', body);
    expectProblem(duplicate, 409, 'idempotency-request-in-flight');
    expect(duplicate.headers['retry-after']).toBe('1');
    gate.release();
    expect((await first).status).toBe(201);
    expect((await write('key-in-flight', body)).headers['idempotent-replayed']).toBe('true');
  });

  it('frees the key when the request is refused, so a corrected retry runs', async () => {
    const body = personalNote();
    expectProblem(await write('key-fixed', { ...body, text: '' }), 400, 'validation-failed');
    const fixed = await write('key-fixed', body);
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400', async () => {
    expectProblem(await write('x'.repeat(256), personalNote()), 400, 'malformed-request');
    expectProblem(await write('has space', personalNote()), 400, 'malformed-request');
  });

  it('stores the remembered response encrypted, and the body only as a keyed hash', async () => {
    const body = personalNote();
    await write('key-sealed', body).expect(201);
    const { rows } = await testDatabase().query(
      `SELECT k::text AS row FROM ${schema}.idempotency_keys k WHERE key = 'key-sealed'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain(body.authorName);
    expect(rows[0].row).not.toContain(body.text);
  });

  it('replays across an API restart', async () => {
    const body = personalNote();
    const first = await write('key-restart', body).expect(201);
    const before = await eventCount();
    await booted.close();
    booted = await boot();
    const again = await write('key-restart', body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before);
  });

  it('keeps keys for 24 hours, then the scheduled purge removes them', async () => {
    const body = personalNote();
    await write('key-retention', body).expect(201);
    const queue = booted.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain(PURGE_IDEMPOTENCY_KEYS);
    const events = new QueueEvents(MAINTENANCE_QUEUE, {
      connection: redisOptionsFromUrl(booted.config.redis.url),
      prefix: redisPrefix,
    });
    await events.waitUntilReady();
    // The worker runs the job as the scheduler would enqueue it.
    const purge = async () => {
      const job = await queue.add(PURGE_IDEMPOTENCY_KEYS, {});
      return (await job.waitUntilFinished(events, 10_000)) as { purged: number };
    };

    booted.clock.advance({ hours: 23, minutes: 59 });
    await purge();
    expect((await write('key-retention', body)).headers['idempotent-replayed']).toBe('true');

    booted.clock.advance({ minutes: 2 });
    expect((await purge()).purged).toBeGreaterThan(0);
    const { rows } = await testDatabase().query(
      `SELECT count(*)::int AS n FROM ${schema}.idempotency_keys WHERE key = 'key-retention'`,
    );
    expect(rows[0].n).toBe(0);
    const fresh = await write('key-retention', body);
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    await events.close();
  });
});
