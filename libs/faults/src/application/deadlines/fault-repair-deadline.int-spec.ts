import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import { CommandHandler, ProjectionRunner, Subscription } from '@sportello/eventstore';
import {
  DeadlineReconciler,
  deadlineJobId,
  DeadlineScheduler,
  startDeadlineWorker,
} from '@sportello/timers';
import { deleteKeysWithPrefix, eventually } from '@sportello/timers/testing/redis-test-support';
import { FaultCommand } from '../../domain/fault.commands';
import { faultDecider } from '../../domain/fault.decider';
import { FaultPolicy } from '../../domain/fault.policy';
import { faultsListProjection } from '../../read-models/faults-list.projection';
import { FASTWEB_FAULTS } from '../../testing/fault-policies.fixture';
import { faultStoreOnPostgres } from '../../testing/fault-store';
import { faultStream } from '../fault-streams';
import {
  FAULT_REPAIR_DUE,
  faultRepairDeadlineHandler,
  followFaultDeadline,
  openFaultDeadlines,
} from './fault-repair-deadline';

const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const prefix = `sportello-test-fltdl-${randomBytes(4).toString('hex')}`;
const redis = new IORedis(connection);
const clock = new TestClock('2026-03-02T09:00:00Z');
const { db, schema, storage, store, dispose } = faultStoreOnPostgres('flt_deadline', clock);
const commands = new CommandHandler(store, clock);
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const readModel = new ProjectionRunner(db, store, faultsListProjection, { schema, idleMs: 20 });
// A window the seeds do not set (RULES §4.2), to exercise a reopening.
const policy: FaultPolicy = { ...FASTWEB_FAULTS, reopenWindowDays: 7 };

let queue: Queue;
let scheduler: DeadlineScheduler;
let worker: Worker;
let timers: Subscription;

const flushOurKeys = () => deleteKeysWithPrefix(redis, prefix);

async function startTimers(): Promise<void> {
  queue = new Queue('deadlines', { connection, prefix });
  scheduler = new DeadlineScheduler(queue, clock);
  worker = startDeadlineWorker({
    queueName: 'deadlines',
    connection,
    prefix,
    clock,
    handlers: { [FAULT_REPAIR_DUE]: faultRepairDeadlineHandler(commands) },
  });
  timers = store.subscribe(
    'fault-timers',
    (event) => followFaultDeadline(event, scheduler, (stream) => store.readStream(stream)),
    { idleMs: 20 },
  );
  await worker.waitUntilReady();
}

async function stopTimers(): Promise<void> {
  await timers.stop();
  await worker.close();
  await queue.close();
}

beforeAll(async () => {
  await storage.init();
  await readModel.start();
  await startTimers();
});
afterAll(async () => {
  await stopTimers();
  await readModel.stop();
  await flushOurKeys();
  redis.disconnect();
  await dispose();
});

async function run(faultId: string, command: FaultCommand): Promise<void> {
  await commands.handle(faultDecider, {
    stream: faultStream(faultId),
    command,
    actor: operator,
    correlationId: 'corr',
  });
}

async function report(reportedAt: string): Promise<string> {
  const faultId = uuidv7();
  await run(faultId, {
    type: 'ReportFault',
    faultId,
    reference: `GU-TEST-${randomBytes(4).toString('hex')}`,
    policy,
    customer: { subjectId: uuidv7(), customerType: 'residential', name: 'Anna Ferri' },
    lineId: '0212345678',
    service: 'broadband',
    channel: 'phone',
    description: 'Linea muta',
    reportedAt,
  });
  return faultId;
}

const types = async (faultId: string) =>
  (await store.readStream(faultStream(faultId))).map((e) => e.type);

/** The delayed jobs of one fault: their due instants, in order. */
async function armed(faultId: string): Promise<string[]> {
  await timers.caughtUp();
  return (await queue.getDelayed())
    .map((job) => job.data as { stream: string; dueAt: string })
    .filter((d) => d.stream === faultStream(faultId))
    .map((d) => new Date(d.dueAt).toISOString())
    .sort();
}

async function passTo(instant: string): Promise<void> {
  clock.set(instant);
  await scheduler.releaseDue();
}

describe('the fault repair deadline timer', () => {
  it('arms one job carrying ids only, and marks the miss once when the clock passes the deadline', async () => {
    clock.set('2026-03-02T09:00:00+01:00');
    const id = await report('2026-03-02T09:00:00+01:00');
    expect(await armed(id)).toEqual(['2026-03-05T08:00:00.000Z']);
    const deadline = {
      stream: faultStream(id),
      kind: FAULT_REPAIR_DUE,
      dueAt: '2026-03-05T08:00:00.000Z',
    };
    const raw = await redis.hget(`${prefix}:deadlines:${deadlineJobId(deadline)}`, 'data');
    expect(JSON.parse(raw as string)).toEqual(deadline);

    await passTo('2026-03-05T07:59:00Z');
    expect(await types(id)).toEqual(['FaultReported']);
    await passTo('2026-03-05T08:00:01Z');
    await eventually(async () => (await types(id)).includes('RepairDeadlineMissed'), 'the miss');

    const secondFiring = new Promise((resolve) => worker.once('completed', resolve));
    await scheduler.arm(deadline);
    await secondFiring;
    expect((await types(id)).filter((t) => t === 'RepairDeadlineMissed')).toHaveLength(1);
  });

  it('CAL-8: a pause re-arms the timer at the moved deadline; the old instant passes unmarked', async () => {
    clock.set('2026-03-11T13:00:00+01:00');
    const id = await report('2026-03-10T10:00:00+01:00');
    expect(await armed(id)).toEqual(['2026-03-13T09:00:00.000Z']);
    const pauseId = uuidv7();
    await run(id, {
      type: 'PauseRepairClock',
      policy,
      pauseId,
      kind: 'WAITING_ON_CUSTOMER',
      reason: 'Cliente assente',
      evidenceRef: null,
      from: '2026-03-11T12:00:00+01:00',
      to: null,
      approval: null,
    });
    expect(await armed(id)).toEqual([]);
    await passTo('2026-03-14T13:00:00+01:00');
    await run(id, { type: 'ResumeRepairClock', pauseId, resumedAt: '2026-03-14T12:00:00+01:00' });
    expect(await armed(id)).toEqual(['2026-03-16T09:00:00.000Z']);
    expect(await types(id)).not.toContain('RepairDeadlineMissed');
    await passTo('2026-03-16T08:59:00Z');
    expect(await types(id)).not.toContain('RepairDeadlineMissed');
    await passTo('2026-03-16T09:00:01Z');
    await eventually(async () => (await types(id)).includes('RepairDeadlineMissed'), 'the miss');
  });

  it('cancels the timer on restoration; a reopening re-arms it, an out-of-scope closure cancels it', async () => {
    clock.set('2026-04-01T10:00:00+02:00');
    const id = await report('2026-04-01T09:00:00+02:00');
    expect(await armed(id)).toEqual(['2026-04-04T07:00:00.000Z']);
    await run(id, { type: 'RestoreService', restoredAt: '2026-04-01T09:30:00+02:00' });
    expect(await armed(id)).toEqual([]);
    await run(id, { type: 'CloseFault', policy, outcome: 'repaired', finding: null });
    await run(id, { type: 'ReopenFault', policy, reason: 'Di nuovo muto' });
    expect(await armed(id)).toEqual(['2026-04-04T07:00:00.000Z']);
    await run(id, {
      type: 'CloseFault',
      policy,
      outcome: 'out_of_scope',
      finding: 'Modem del cliente',
    });
    expect(await armed(id)).toEqual([]);
  });

  it('still fires a deadline after Redis lost every job and the worker restarted', async () => {
    clock.set('2026-07-01T09:00:00Z');
    const id = await report('2026-07-01T08:00:00+02:00');
    await timers.caughtUp();
    await readModel.caughtUp();
    await stopTimers();
    await flushOurKeys();
    await startTimers();

    const reconciler = new DeadlineReconciler(scheduler, [openFaultDeadlines(db, schema)]);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    expect(await armed(id)).toEqual(['2026-07-04T06:00:00.000Z']);
    await passTo('2026-07-04T06:00:01Z');
    await eventually(
      async () => (await types(id)).includes('RepairDeadlineMissed'),
      'the re-armed deadline',
    );
  });
});
