import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { TestClock } from '@sportello/clock';
import { Deadline, deadlineJobId } from './deadline';
import { DeadlineReconciler } from './deadline-reconciler';
import { DeadlineScheduler } from './deadline-scheduler';
import { startDeadlineWorker } from './deadline-worker';
import { deleteKeysWithPrefix, eventually } from './testing/redis-test-support';

const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const prefix = `sportello-test-timers-${randomBytes(4).toString('hex')}`;
const redis = new IORedis(connection);

const flushOurKeys = () => deleteKeysWithPrefix(redis, prefix);
const until = (check: () => boolean, what: string) => eventually(check, what);

describe('deadline timers on Redis', () => {
  let clock: TestClock;
  let queue: Queue;
  let scheduler: DeadlineScheduler;
  let worker: Worker;
  let fired: Deadline[];

  beforeEach(async () => {
    await flushOurKeys();
    clock = new TestClock('2026-03-28T09:00:00Z');
    queue = new Queue(`deadlines`, { connection, prefix });
    scheduler = new DeadlineScheduler(queue, clock);
    fired = [];
    worker = startDeadlineWorker({
      queueName: 'deadlines',
      connection,
      prefix,
      clock,
      handlers: { 'answer-due': async (deadline) => void fired.push(deadline) },
    });
    await worker.waitUntilReady();
  });

  afterEach(async () => {
    await worker.close();
    await queue.close();
  });

  afterAll(async () => {
    await flushOurKeys();
    redis.disconnect();
  });

  const answerDue = (dueAt: string): Deadline => ({
    stream: 'complaint-01a20386-0000-7000-8000-000000000001',
    kind: 'answer-due',
    dueAt,
  });

  it('keeps one job for a deadline armed twice, carrying ids only', async () => {
    const deadline = answerDue('2026-05-12T21:59:59.999Z');
    await scheduler.arm(deadline);
    await scheduler.arm(deadline);
    expect(await queue.getDelayedCount()).toBe(1);
    const raw = await redis.hget(`${prefix}:deadlines:${deadlineJobId(deadline)}`, 'data');
    expect(JSON.parse(raw as string)).toEqual(deadline);
  });

  it('fires a deadline already past at once, and a future one only when the clock passes it', async () => {
    await scheduler.arm(answerDue('2026-03-01T00:00:00Z'));
    await until(() => fired.length === 1, 'the past deadline');

    await scheduler.arm(answerDue('2026-03-30T10:00:00Z'));
    clock.advance({ hours: 24 });
    expect(await scheduler.releaseDue()).toBe(0);
    clock.advance({ hours: 25 });
    expect(await scheduler.releaseDue()).toBe(1);
    await until(() => fired.length === 2, 'the future deadline');
    expect(fired.map((d) => d.dueAt)).toEqual(['2026-03-01T00:00:00Z', '2026-03-30T10:00:00Z']);
  });

  it('releases every due deadline when more than a page (500) of them are waiting', async () => {
    const armAll = (count: number, dueAt: string, tag: string) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          scheduler.arm({
            ...answerDue(dueAt),
            stream: `complaint-01a20386-0000-7000-8${tag}-${String(i).padStart(12, '0')}`,
          }),
        ),
      );
    await armAll(1_100, '2026-04-20T00:00:00Z', '001');
    await armAll(30, '2026-06-01T00:00:00Z', '002');
    clock.set('2026-05-01T00:00:00Z');
    expect(await scheduler.releaseDue()).toBe(1_100);
    expect(await queue.getDelayedCount()).toBe(30);
    await until(() => fired.length === 1_100, 'every released deadline');
  });

  it('never fires a cancelled deadline', async () => {
    const deadline = answerDue('2026-03-29T09:00:00Z');
    await scheduler.arm(deadline);
    await scheduler.cancel(deadline);
    clock.advance({ days: 2 });
    expect(await scheduler.releaseDue()).toBe(0);
    expect(await queue.getDelayedCount()).toBe(0);
  });

  it('puts back to sleep a job that wakes before its due instant', async () => {
    const early = answerDue('2026-04-10T00:00:00Z');
    await queue.add('deadline', early, { jobId: deadlineJobId(early) });
    let delayed = 0;
    for (const started = Date.now(); delayed === 0 && Date.now() - started < 10_000;) {
      delayed = await queue.getDelayedCount();
    }
    expect(delayed).toBe(1);
    expect(fired).toEqual([]);
    clock.set('2026-04-10T00:00:01Z');
    expect(await scheduler.releaseDue()).toBe(1);
    await until(() => fired.length === 1, 'the deadline after the clock passed it');
  });

  it('re-arms every open deadline from the log after Redis lost them all', async () => {
    const open = [
      answerDue('2026-04-01T00:00:00Z'),
      {
        ...answerDue('2026-04-02T00:00:00Z'),
        stream: 'complaint-01a20386-0000-7000-8000-000000000002',
      },
    ];
    for (const deadline of open) await scheduler.arm(deadline);
    await worker.close();
    await queue.close();
    await flushOurKeys();

    queue = new Queue('deadlines', { connection, prefix });
    scheduler = new DeadlineScheduler(queue, clock);
    worker = startDeadlineWorker({
      queueName: 'deadlines',
      connection,
      prefix,
      clock,
      handlers: { 'answer-due': async (d) => void fired.push(d) },
    });
    const reconciler = new DeadlineReconciler(scheduler, [
      async function* () {
        yield* open;
      },
    ]);
    expect(await reconciler.reconcile()).toBe(2);
    expect(await reconciler.reconcile()).toBe(2);
    expect(await queue.getDelayedCount()).toBe(2);
    clock.set('2026-04-03T00:00:00Z');
    await scheduler.releaseDue();
    await until(() => fired.length === 2, 'both re-armed deadlines');
  });

  it('re-arms many deadlines with several in flight, and reports a failure after the rest', async () => {
    const open = Array.from({ length: 240 }, (_, i) => ({
      ...answerDue('2026-06-01T00:00:00Z'),
      stream: `complaint-01a20386-0000-7000-8000-${String(i).padStart(12, '0')}`,
    }));
    const source = async function* () {
      yield* open;
    };
    expect(await new DeadlineReconciler(scheduler, [source]).reconcile()).toBe(240);
    expect(await queue.getDelayedCount()).toBe(240);
    const armedIds = new Set((await queue.getDelayed(0, 999)).map((job) => job.id));
    expect(open.every((d) => armedIds.has(deadlineJobId(d)))).toBe(true);

    await flushOurKeys();
    const failing = Object.create(scheduler) as DeadlineScheduler;
    failing.ensureArmed = (deadline) =>
      deadline === open[7]
        ? Promise.reject(new Error('Redis went away'))
        : scheduler.ensureArmed(deadline);
    await expect(new DeadlineReconciler(failing, [source]).reconcile()).rejects.toThrow(
      'Redis went away',
    );
    // What was already in flight still landed; the next pass re-arms the rest.
    expect(await new DeadlineReconciler(scheduler, [source]).reconcile()).toBe(240);
    expect(await queue.getDelayedCount()).toBe(240);
  });
});
