import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import { CommandHandler, ProjectionRunner } from '@sportello/eventstore';
import { DeadlineTimers } from '@sportello/tickets/testing/deadline-timers';
import { DeadlineReconciler } from '@sportello/timers';
import { eventually } from '@sportello/timers/testing/redis-test-support';
import { FASTWEB_COMPLAINTS } from '../../testing/complaint-policies.fixture';
import { complaintStoreOnPostgres } from '../../testing/complaint-store';
import { complaintDecider } from '../../domain/complaint.decider';
import { FileComplaint } from '../../domain/complaint.commands';
import { complaintsListProjection } from '../../read-models/complaints-list.projection';
import {
  COMPLAINT_ANSWER_DUE,
  complaintAnswerDeadlineHandler,
  complaintStream,
  followComplaintDeadline,
  openComplaintDeadlines,
} from './complaint-answer-deadline';

const clock = new TestClock('2026-03-03T09:00:00Z');
const { db, schema, storage, store, dispose } = complaintStoreOnPostgres('cmp_deadline', clock);
const commands = new CommandHandler(store, clock);
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const readModel = new ProjectionRunner(db, store, complaintsListProjection, { schema, idleMs: 20 });

const deadlines = new DeadlineTimers({
  tag: 'cmpdl',
  clock,
  store,
  kind: COMPLAINT_ANSWER_DUE,
  handler: complaintAnswerDeadlineHandler(commands),
  subscription: 'complaint-timers',
  follow: followComplaintDeadline,
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

const policy = FASTWEB_COMPLAINTS;

async function fileComplaint(receivedAt: string): Promise<string> {
  const complaintId = uuidv7();
  const command: FileComplaint = {
    type: 'FileComplaint',
    complaintId,
    trackingCode: `RC-TEST-${randomBytes(4).toString('hex')}`,
    policy,
    customer: { subjectId: uuidv7(), customerType: 'residential', name: 'Anna Ferri' },
    channel: 'registered_letter',
    receivedAt,
    sentAt: null,
    category: 'service',
    description: 'Linea lenta',
    invoice: null,
    outage: null,
  };
  await commands.handle(complaintDecider, {
    stream: complaintStream(complaintId),
    command,
    actor: operator,
    correlationId: 'corr',
  });
  return complaintId;
}

async function types(complaintId: string): Promise<string[]> {
  return (await store.readStream(complaintStream(complaintId))).map((e) => e.type);
}

describe('the complaint answer deadline timer', () => {
  it('marks an unanswered complaint missed when the clock passes its deadline, once', async () => {
    const id = await fileComplaint('2026-03-02T09:00:00+01:00');
    await deadlines.timers.caughtUp();
    expect(await deadlines.queue.getDelayedCount()).toBeGreaterThanOrEqual(1);
    clock.set('2026-04-16T21:00:00Z');
    await deadlines.scheduler.releaseDue();
    clock.set('2026-04-17T08:00:00Z');
    await deadlines.scheduler.releaseDue();
    await eventually(
      async () => (await types(id)).includes('ComplaintAnswerDeadlineMissed'),
      'the miss',
    );

    const secondFiring = new Promise((resolve) => deadlines.worker.once('completed', resolve));
    await deadlines.scheduler.arm({
      stream: complaintStream(id),
      kind: COMPLAINT_ANSWER_DUE,
      dueAt: '2026-04-16T21:59:59.999Z',
    });
    await secondFiring;
    expect((await types(id)).filter((t) => t === 'ComplaintAnswerDeadlineMissed')).toHaveLength(1);
  });

  it('cancels the timer when the complaint is answered', async () => {
    clock.set('2026-05-04T09:00:00Z');
    const id = await fileComplaint('2026-05-04T08:00:00+02:00');
    await deadlines.timers.caughtUp();
    const job = async () =>
      (await deadlines.queue.getDelayed()).find(
        (j) => (j.data as { stream: string }).stream === complaintStream(id),
      );
    expect(await job()).toBeDefined();
    await commands.handle(complaintDecider, {
      stream: complaintStream(id),
      command: {
        type: 'AnswerComplaint',
        outcome: 'upheld',
        answeredAt: '2026-05-04T10:00:00+02:00',
        answerDocument: null,
        measures: ['Ripristino'],
        refundCents: null,
        paymentDueOn: null,
      },
      actor: operator,
      correlationId: 'corr',
    });
    await deadlines.timers.caughtUp();
    expect(await job()).toBeUndefined();
  });

  it('marks at once a complaint received 50 days ago', async () => {
    clock.set('2026-06-30T09:00:00Z');
    const id = await fileComplaint('2026-05-11T09:00:00+02:00');
    expect(await types(id)).toEqual(['ComplaintFiled', 'ComplaintAnswerDeadlineMissed']);
  });

  it('still fires a deadline after Redis lost every job and the worker restarted', async () => {
    clock.set('2026-07-01T09:00:00Z');
    const id = await fileComplaint('2026-07-01T08:00:00+02:00');
    await deadlines.timers.caughtUp();
    await readModel.caughtUp();
    await deadlines.stop();
    await deadlines.flush();
    await deadlines.start();

    const reconciler = new DeadlineReconciler(deadlines.scheduler, [
      openComplaintDeadlines(db, schema),
    ]);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    clock.set('2026-08-16T09:00:00Z');
    await deadlines.scheduler.releaseDue();
    await eventually(
      async () => (await types(id)).includes('ComplaintAnswerDeadlineMissed'),
      'the re-armed deadline',
    );
  });
});
