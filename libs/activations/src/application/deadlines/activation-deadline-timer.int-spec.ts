import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import { CommandHandler, ProjectionRunner } from '@sportello/eventstore';
import { DeadlineTimers } from '@sportello/tickets/testing/deadline-timers';
import { DeadlineReconciler } from '@sportello/timers';
import { eventually } from '@sportello/timers/testing/redis-test-support';
import { FASTWEB_ACTIVATIONS } from '../../testing/activation-policies.fixture';
import { activationStoreOnPostgres } from '../../testing/activation-store';
import { ActivationCommand } from '../../domain/activation.commands';
import { activationDecider } from '../../domain/activation.decider';
import { activationsListProjection } from '../../read-models/activations-list.projection';
import { activationStream } from '../activation-streams';
import {
  ACTIVATION_DUE,
  activationDeadlineHandler,
  followActivationDeadline,
  openActivationDeadlines,
} from './activation-deadline-timer';

const clock = new TestClock('2026-01-05T12:00:00Z');
const { db, schema, storage, store, dispose } = activationStoreOnPostgres('act_deadline', clock);
const commands = new CommandHandler(store, clock);
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const readModel = new ProjectionRunner(db, store, activationsListProjection, {
  schema,
  idleMs: 20,
});
const policy = FASTWEB_ACTIVATIONS;

const deadlines = new DeadlineTimers({
  tag: 'actdl',
  clock,
  store,
  kind: ACTIVATION_DUE,
  handler: activationDeadlineHandler(commands),
  subscription: 'activation-timers',
  follow: (event, scheduler) =>
    followActivationDeadline(event, scheduler, (s) => store.readStream(s)),
});

beforeAll(async () => {
  await storage.init();
  await activationsListProjection.createTables(db, { activations: `${schema}.activations` });
  await readModel.start();
  await deadlines.start();
});
afterAll(async () => {
  await deadlines.dispose();
  await readModel.stop();
  await dispose();
});

const run = (id: string, command: ActivationCommand) =>
  commands.handle(activationDecider, {
    stream: activationStream(id),
    command,
    actor: operator,
    correlationId: 'corr',
  });

async function requestActivation(receivedAt: string): Promise<string> {
  const activationId = uuidv7();
  await run(activationId, {
    type: 'RequestActivation',
    activationId,
    reference: `AT-2026-${randomBytes(4).toString('hex').toUpperCase()}`,
    policy,
    customer: {
      subjectId: uuidv7(),
      customerType: 'residential',
      name: 'Giulia Verdi',
      email: 'giulia.verdi@example.it',
    },
    requestKind: 'activation',
    services: ['voice'],
    access: null,
    lineId: '0115551234',
    address: 'Via Roma 1, Torino',
    channel: 'web_area',
    receivedAt,
    relocationFormTermDays: null,
  });
  return activationId;
}

const types = async (id: string) =>
  (await store.readStream(activationStream(id))).map((e) => e.type);
const jobsOf = async (id: string) =>
  (await deadlines.queue.getDelayed()).filter(
    (j) => (j.data as { stream: string }).stream === activationStream(id),
  );
async function row(id: string) {
  await readModel.caughtUp();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.activations WHERE activation_id = $1`,
    [id],
  );
  return rows[0];
}

describe('the activation deadline: read model and timer', () => {
  it('AMB-8: follows the deadline from the request to the positive check; the row and the job hold no personal data', async () => {
    const id = await requestActivation('2026-01-05T10:00:00+01:00');
    await deadlines.timers.caughtUp();
    const first = await jobsOf(id);
    expect(first.map((j) => j.data)).toEqual([
      { stream: activationStream(id), kind: ACTIVATION_DUE, dueAt: '2026-03-06T22:59:59.999Z' },
    ]);
    expect(await row(id)).toMatchObject({
      status: 'requested',
      due_date: '2026-03-06',
      due_status: 'DUE',
      services: ['voice'],
    });

    clock.set('2026-01-20T12:00:00Z');
    await run(id, {
      type: 'RecordTechnicalCheck',
      policy,
      outcome: 'positive',
      checkedAt: '2026-01-20T10:00:00+01:00',
      reason: null,
    });
    await deadlines.timers.caughtUp();
    expect((await jobsOf(id)).map((j) => (j.data as { dueAt: string }).dueAt)).toEqual([
      '2026-02-19T22:59:59.999Z',
    ]);
    const r = await row(id);
    expect(r).toMatchObject({ due_date: '2026-02-19', technical_check: 'positive', revision: 1 });
    expect(JSON.stringify(r)).not.toMatch(/Giulia|Verdi|Roma|0115551234|example\.it/);
    expect(JSON.stringify((await jobsOf(id)).map((j) => [j.id, j.data, j.name]))).not.toMatch(
      /Giulia|Verdi|Roma|0115551234/,
    );
  });

  it('marks the miss once when the clock passes the deadline, and a late firing records nothing more', async () => {
    clock.set('2026-03-01T09:00:00Z');
    const id = await requestActivation('2026-03-01T09:00:00+01:00');
    await deadlines.timers.caughtUp();
    clock.set('2026-04-30T23:30:00Z');
    await deadlines.scheduler.releaseDue();
    await eventually(
      async () => (await types(id)).includes('ActivationDeadlineMissed'),
      'the miss',
    );
    const missed = (await store.readStream(activationStream(id))).find(
      (e) => e.type === 'ActivationDeadlineMissed',
    );
    expect(missed?.metadata.actor).toEqual({ id: 'system:deadline-timer', role: 'system' });
    expect((await row(id)).missed_due_at).toEqual(new Date('2026-04-30T21:59:59.999Z'));

    const secondFiring = new Promise((resolve) => deadlines.worker.once('completed', resolve));
    await deadlines.scheduler.arm({
      stream: activationStream(id),
      kind: ACTIVATION_DUE,
      dueAt: '2026-04-30T21:59:59.999Z',
    });
    await secondFiring;
    expect((await types(id)).filter((t) => t === 'ActivationDeadlineMissed')).toHaveLength(1);
  });

  it('cancels the timer when the service is activated', async () => {
    clock.set('2026-05-04T09:00:00Z');
    const id = await requestActivation('2026-05-04T08:00:00+02:00');
    await deadlines.timers.caughtUp();
    expect(await jobsOf(id)).toHaveLength(1);
    clock.set('2026-05-20T09:00:00Z');
    await run(id, { type: 'ActivateService', policy, activatedAt: '2026-05-20T10:00:00+02:00' });
    await deadlines.timers.caughtUp();
    expect(await jobsOf(id)).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: 'activated', on_time: true, delay_days: 0 });
  });

  it('still fires a deadline after Redis lost every job and the worker restarted (the reconciler re-arms it)', async () => {
    clock.set('2026-06-01T09:00:00Z');
    const id = await requestActivation('2026-06-01T08:00:00+02:00');
    await deadlines.timers.caughtUp();
    await readModel.caughtUp();
    await deadlines.stop();
    await deadlines.flush();
    await deadlines.start();
    const reconciler = new DeadlineReconciler(deadlines.scheduler, [
      openActivationDeadlines(db, schema),
    ]);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    clock.set('2026-08-01T09:00:00Z');
    await deadlines.scheduler.releaseDue();
    await eventually(
      async () => (await types(id)).includes('ActivationDeadlineMissed'),
      'the re-armed deadline',
    );
  });

  it('the read model rebuilds to the same rows', async () => {
    const rows = async () => {
      await readModel.caughtUp();
      return (await db.query(`SELECT * FROM ${schema}.activations ORDER BY activation_id`)).rows;
    };
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(4);
    await readModel.rebuild();
    expect(await rows()).toEqual(before);
  });
});
