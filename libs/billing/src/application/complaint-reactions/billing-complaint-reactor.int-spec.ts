import { TestClock } from '@sportello/clock';
import { complaintDecider } from '@sportello/complaints/domain/complaint.decider';
import { PSA_COMPLAINTS } from '@sportello/complaints/testing/complaint-policies.fixture';
import { CommandHandler, RecordedEvent, SealingEventStore } from '@sportello/eventstore';
import { billingAccountDecider } from '../../domain/billing-account.decider';
import { BillingAccountCommand } from '../../domain/billing-account.commands';
import { PSA_BILLING } from '../../testing/billing-policies.fixture';
import { billingStoreOnPostgres } from '../../testing/billing-store';
import { billingAccountStream } from '../accounts/billing-account-stream';
import { InvoiceNumbers } from '../invoice-numbers/invoice-numbers';
import { BillingPolicies } from '../policies/billing-policies';
import { BillingComplaintReactor } from './billing-complaint-reactor';

const clock = new TestClock('2026-07-01T08:00:00Z');
const operator = { id: 'op-1', role: 'operator', roles: ['operator'] };
const policies: BillingPolicies = {
  inForce: async () => PSA_BILLING,
  byVersion: async (version) => (version === PSA_BILLING.version ? PSA_BILLING : null),
};

let env: Awaited<ReturnType<typeof billingStoreOnPostgres>>;
let store: SealingEventStore;
let handler: CommandHandler;
let numbers: InvoiceNumbers;
let reactor: BillingComplaintReactor;
let seen: string | null = null;

beforeAll(async () => {
  env = await billingStoreOnPostgres('billing_reactor', clock);
  ({ store, handler } = env);
  numbers = new InvoiceNumbers(env.db, env.schema);
  reactor = new BillingComplaintReactor(store, handler, numbers, policies);
});
afterAll(() => env.dispose());

/** Feeds the reactor what the log gained since last time, twice over, as a replay would. */
async function react(): Promise<void> {
  const page = await store.readAll({ fromCheckpoint: seen });
  for (let pass = 0; pass < 2; pass++)
    for (const event of page.events) await reactor.handle(event as RecordedEvent);
  seen = page.checkpoint;
}

async function account(accountId: string, invoiceNumber: string): Promise<void> {
  const run = (command: BillingAccountCommand) =>
    handler.handle(billingAccountDecider, {
      stream: billingAccountStream(accountId),
      command,
      actor: operator,
      correlationId: 'test',
    });
  await run({
    type: 'OpenBillingAccount',
    accountId,
    policy: PSA_BILLING,
    customer: { subjectId: 'sub-1', customerType: 'residential', name: 'Giulia Romano' },
  });
  await numbers.reserve('PSA', invoiceNumber, accountId);
  await run({
    type: 'IssueInvoice',
    policy: PSA_BILLING,
    invoiceNumber,
    issueDate: '2026-07-01',
    dueDate: '2026-07-16',
    amountCents: 8_000,
    lines: [],
  });
}

const complaintCommands = (complaintId: string) => (command: object) =>
  handler.handle(complaintDecider, {
    stream: `complaint-${complaintId}`,
    command: command as Parameters<typeof complaintDecider.decide>[0],
    actor: operator,
    correlationId: 'test',
  });

function file(complaintId: string, invoiceNumber: string) {
  return {
    type: 'FileComplaint',
    complaintId,
    trackingCode: `RC-2026-${complaintId.slice(-8).toUpperCase()}`,
    policy: PSA_COMPLAINTS,
    customer: { subjectId: 'sub-2', customerType: 'residential', name: 'Giulia Romano' },
    channel: 'email',
    receivedAt: '2026-07-08T09:00:00+02:00',
    sentAt: null,
    category: 'billing',
    description: 'Importo non dovuto',
    invoice: {
      number: invoiceNumber,
      issueDate: '2026-07-01',
      dueDate: '2026-07-16',
      deliveredOn: null,
      amountCents: 8_000,
      disputedCents: 8_000,
    },
    outage: null,
  };
}

const typesOf = async (accountId: string) =>
  (await store.readStream(billingAccountStream(accountId))).map((e) => e.type);

describe('BIL-10, CMP-11 — billing complaints mirrored on the account that owns the invoice', () => {
  it('starts and ends the suspension once, however often the complaint events are replayed', async () => {
    const accountId = '01a20386-0000-7000-8000-0000000b0001';
    const complaintId = '01a20386-0000-7000-8000-0000000c0001';
    await account(accountId, 'R-24');
    clock.set('2026-07-08T10:00:00+02:00');
    const complaint = complaintCommands(complaintId);
    await complaint(file(complaintId, 'R-24'));
    await react();
    expect(await typesOf(accountId)).toEqual([
      'BillingAccountOpened',
      'InvoiceIssued',
      'DisputeSuspensionStarted',
    ]);

    clock.set('2026-08-10T12:00:00+02:00');
    await complaint({
      type: 'AnswerComplaint',
      outcome: 'rejected',
      answeredAt: '2026-08-10T10:00:00+02:00',
      answerDocument: { reference: 'LET-1', reasons: ['Traffico regolare'] },
      measures: [],
      refundCents: null,
      paymentDueOn: '2026-08-25',
    });
    await react();
    const events = await store.readStream(billingAccountStream(accountId));
    expect(events.map((e) => e.type)).toEqual([
      'BillingAccountOpened',
      'InvoiceIssued',
      'DisputeSuspensionStarted',
      'DisputeSuspensionEnded',
    ]);
    expect(events[3].data).toMatchObject({
      complaintId,
      outcome: 'rejected',
      endedOn: '2026-08-10',
      payBy: '2026-08-25',
    });
    expect(events[3].metadata).toMatchObject({
      actor: { id: 'system:billing-complaint-reactor', role: 'system' },
      policyVersion: 'PSA@cds',
      subjectIds: ['sub-1'],
    });
  });

  it('CMP-11: upheld with a refund → the suspension ends and the refund waits for the next invoice, once', async () => {
    const accountId = '01a20386-0000-7000-8000-0000000b0002';
    const complaintId = '01a20386-0000-7000-8000-0000000c0002';
    clock.set('2026-07-01T10:00:00+02:00');
    await account(accountId, 'U-24');
    clock.set('2026-07-08T10:00:00+02:00');
    const complaint = complaintCommands(complaintId);
    await complaint(file(complaintId, 'U-24'));
    clock.set('2026-08-10T12:00:00+02:00');
    await complaint({
      type: 'AnswerComplaint',
      outcome: 'upheld',
      answeredAt: '2026-08-10T10:00:00+02:00',
      answerDocument: null,
      measures: ['Storno'],
      refundCents: 2_500,
      paymentDueOn: null,
    });
    await react();
    const events = await store.readStream(billingAccountStream(accountId));
    expect(events.map((e) => e.type)).toEqual([
      'BillingAccountOpened',
      'InvoiceIssued',
      'DisputeSuspensionStarted',
      'DisputeSuspensionEnded',
      'RefundDue',
    ]);
    expect(events[4].data).toMatchObject({ invoiceNumber: 'U-24', amountCents: 2_500 });
  });

  it('leaves alone a complaint about an invoice no account holds', async () => {
    const complaintId = '01a20386-0000-7000-8000-0000000c0003';
    clock.set('2026-07-08T10:00:00+02:00');
    await complaintCommands(complaintId)(file(complaintId, 'NOT-HELD'));
    await expect(react()).resolves.toBeUndefined();
  });
});

describe('invoice numbers', () => {
  it('are unique per operator: a second account cannot take one, another operator can', async () => {
    const a = '01a20386-0000-7000-8000-0000000b00a1';
    const b = '01a20386-0000-7000-8000-0000000b00b2';
    expect(await numbers.reserve('PSA', 'N-1', a)).toEqual({ owner: a, fresh: true });
    expect(await numbers.reserve('PSA', 'N-1', a)).toEqual({ owner: a, fresh: false });
    expect(await numbers.reserve('PSA', 'N-1', b)).toEqual({ owner: a, fresh: false });
    expect(await numbers.reserve('FASTWEB', 'N-1', b)).toEqual({ owner: b, fresh: true });
    await numbers.release('PSA', 'N-1', b);
    expect(await numbers.accountOf('PSA', 'N-1')).toBe(a);
    await numbers.release('PSA', 'N-1', a);
    expect(await numbers.accountOf('PSA', 'N-1')).toBeNull();
  });
});
