import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import { CommandHandler, ProjectionRunner } from '@sportello/eventstore';
import { DeadlineTimers } from '@sportello/tickets/testing/deadline-timers';
import { DeadlineReconciler, deadlineJobId } from '@sportello/timers';
import { eventually } from '@sportello/timers/testing/redis-test-support';
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

const clock = new TestClock('2026-03-02T09:00:00Z');
const { db, schema, storage, store, dispose } = faultStoreOnPostgres('flt_deadline', clock);
const commands = new CommandHandler(store, clock);
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const readModel = new ProjectionRunner(db, store, faultsListProjection, { schema, idleMs: 20 });
// A window the seeds do not set (RULES §4.2), to exercise a reopening.
const policy: FaultPolicy = { ...FASTWEB_FAULTS, reopenWindowDays: 7 };

const deadlines = new DeadlineTimers({
  tag: 'fltdl',
  clock,
  store,
  kind: FAULT_REPAIR_DUE,
  handler: faultRepairDeadlineHandler(commands),
  subscription: 'fault-timers',
  follow: (event, scheduler) =>
    followFaultDeadline(event, scheduler, (stream) => store.readStream(stream)),
});

beforeAll(async () => {
  await storage.init();
  await readModel.start();
  await deadlines.start();
});
afterAll(async () => {
  await deadlines.dispose();
  await readModel.stop();
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
  await deadlines.timers.caughtUp();
  return (await deadlines.queue.getDelayed())
    .map((job) => job.data as { stream: string; dueAt: string })
    .filter((d) => d.stream === faultStream(faultId))
    .map((d) => new Date(d.dueAt).toISOString())
    .sort();
}

async function passTo(instant: string): Promise<void> {
  clock.set(instant);
  await deadlines.scheduler.releaseDue();
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
    const raw = await deadlines.redis.hget(
      `${deadlines.prefix}:deadlines:${deadlineJobId(deadline)}`,
      'data',
    );
    expect(JSON.parse(raw as string)).toEqual(deadline);

    await passTo('2026-03-05T07:59:00Z');
    expect(await types(id)).toEqual(['FaultReported']);
    await passTo('2026-03-05T08:00:01Z');
    await eventually(async () => (await types(id)).includes('RepairDeadlineMissed'), 'the miss');

    const secondFiring = new Promise((resolve) => deadlines.worker.once('completed', resolve));
    await deadlines.scheduler.arm(deadline);
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
    await deadlines.timers.caughtUp();
    await readModel.caughtUp();
    await deadlines.stop();
    await deadlines.flush();
    await deadlines.start();

    const reconciler = new DeadlineReconciler(deadlines.scheduler, [
      openFaultDeadlines(db, schema),
    ]);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    expect(await armed(id)).toEqual(['2026-07-04T06:00:00.000Z']);
    await passTo('2026-07-04T06:00:01Z');
    await eventually(
      async () => (await types(id)).includes('RepairDeadlineMissed'),
      'the re-armed deadline',
    );
  });
});
