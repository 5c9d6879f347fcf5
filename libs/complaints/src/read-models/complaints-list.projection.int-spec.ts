import { TestClock } from '@sportello/clock';
import { ProjectionRunner } from '@sportello/eventstore';
import { complaintStoreOnPostgres } from '../testing/complaint-store';
import { ComplaintEvent } from '../domain/complaint.events';
import { complaintsListProjection } from './complaints-list.projection';

const clock = new TestClock('2026-05-19T12:00:00Z');
const { db, schema, storage, store, dispose } = complaintStoreOnPostgres('complaints_rm', clock);
const runner = new ProjectionRunner(db, store, complaintsListProjection, { schema, idleMs: 20 });

beforeAll(async () => {
  await storage.init();
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await dispose();
});

const id = '01a20386-0000-7000-8000-00000000c001';
const meta = {
  occurredAt: '2026-05-19T08:00:00Z',
  actor: { id: 'op-1', role: 'operator' },
  correlationId: 'c',
};
const filed: ComplaintEvent = {
  type: 'ComplaintFiled',
  data: {
    complaintId: id,
    trackingCode: 'RC-2026-ABCD2345',
    operator: 'PSA',
    policyVersion: 'PSA@cds',
    customer: {
      subjectId: 'sub-1',
      customerType: 'business',
      name: 'Rossi Impianti srl',
      vatNumber: '01234567890',
    },
    channel: 'email',
    receivedAt: '2026-05-19T08:00:00.000Z',
    sentAt: null,
    category: 'billing',
    description: 'Canone doppio',
    invoice: {
      number: 'F-1',
      issueDate: '2026-05-04',
      dueDate: '2026-05-19',
      deliveredOn: null,
      amountCents: 8000,
      disputedCents: 8000,
      currency: 'EUR',
    },
    billing: { windowEndsOn: '2026-05-19', inWindow: true, suspendsLatePayment: true },
    answerDueAt: '2026-07-03T21:59:59.999Z',
    answerDue: {
      rule: 'CMP-5',
      clause: 'PSA-CDS §10',
      termDays: 45,
      dueDate: '2026-07-03',
      summary: '…',
    },
  },
};

async function row() {
  await runner.caughtUp();
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${schema}.complaints WHERE complaint_id = $1`,
    [id],
  );
  return rows[0];
}

describe('complaints list projection', () => {
  it('given a filing, then one open row with the deadline and no personal data', async () => {
    await store.append(
      `complaint-${id}`,
      [
        filed,
        {
          type: 'LatePaymentPenaltySuspended',
          data: {
            complaintId: id,
            invoiceNumber: 'F-1',
            disputedCents: 8000,
            originalDueDate: '2026-05-19',
          },
        },
      ].map((e) => ({ ...e, metadata: meta })),
      'no_stream',
    );
    const r = await row();
    expect(r).toMatchObject({
      status: 'open',
      tracking_code: 'RC-2026-ABCD2345',
      operator: 'PSA',
      billing_in_window: true,
      penalty_suspended: true,
      revision: 1,
      deadline_missed: false,
    });
    expect((r.answer_due_at as Date).toISOString()).toBe('2026-07-03T21:59:59.999Z');
    expect(JSON.stringify(r)).not.toMatch(/Rossi|01234567890|Canone/);
  });

  it('given the miss, the answer and the closing, then the row follows', async () => {
    await store.append(
      `complaint-${id}`,
      [
        {
          type: 'ComplaintAnswerDeadlineMissed',
          data: { complaintId: id, answerDueAt: '2026-07-03T21:59:59.999Z' },
        },
        {
          type: 'ComplaintAnswered',
          data: {
            complaintId: id,
            subjectId: 'sub-1',
            outcome: 'rejected',
            answeredAt: '2026-07-10T08:00:00.000Z',
            answerDocument: { reference: 'L', reasons: ['ok'] },
            measures: [],
            refundCents: null,
            paymentDueOn: null,
            answerDueAt: '2026-07-03T21:59:59.999Z',
            late: true,
          },
        },
        {
          type: 'LatePaymentPenaltyReinstated',
          data: {
            complaintId: id,
            invoiceNumber: 'F-1',
            disputedCents: 8000,
            countedFrom: '2026-05-19',
            payBy: null,
          },
        },
        { type: 'ComplaintClosed', data: { complaintId: id } },
      ].map((e) => ({ ...e, metadata: meta })),
      1,
    );
    expect(await row()).toMatchObject({
      status: 'closed',
      outcome: 'rejected',
      answered_late: true,
      deadline_missed: true,
      penalty_suspended: false,
      revision: 5,
    });
  });

  it('rebuilds to the same rows', async () => {
    const before = await row();
    await runner.rebuild();
    expect(await row()).toEqual(before);
  });
});
