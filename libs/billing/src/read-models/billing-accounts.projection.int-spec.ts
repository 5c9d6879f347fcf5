import { TestClock } from '@sportello/clock';
import { ProjectionRunner } from '@sportello/eventstore';
import { billingAccountStream } from '../application/accounts/billing-account-stream';
import { BillingAccountCommand } from '../domain/billing-account.commands';
import { billingAccountDecider } from '../domain/billing-account.decider';
import { FASTWEB_BILLING } from '../testing/billing-policies.fixture';
import { billingStoreOnPostgres } from '../testing/billing-store';
import { billingAccountsProjection } from './billing-accounts.projection';

const clock = new TestClock('2026-08-20T08:00:00Z');
const accountId = '01a20386-0000-7000-8000-0000000b0101';
let env: Awaited<ReturnType<typeof billingStoreOnPostgres>>;
let runner: ProjectionRunner;

beforeAll(async () => {
  env = await billingStoreOnPostgres('billing_rm', clock);
  runner = new ProjectionRunner(env.db, env.store, billingAccountsProjection, {
    schema: env.schema,
    idleMs: 20,
  });
  await runner.start();
});
afterAll(async () => {
  await runner.stop();
  await env.dispose();
});

const run = (command: BillingAccountCommand) =>
  env.handler.handle(billingAccountDecider, {
    stream: billingAccountStream(accountId),
    command,
    actor: { id: 'op-1', role: 'operator', roles: ['operator'] },
    correlationId: 'test',
  });

async function rows(table: string) {
  await runner.caughtUp();
  return (
    await env.db.query<Record<string, unknown>>(
      `SELECT * FROM ${env.schema}.${table} ORDER BY 1, 2`,
    )
  ).rows;
}

describe('billing accounts read model', () => {
  it('given an account, an invoice, a dispute and a partial payment, then one row each with the balances and no personal data', async () => {
    await run({
      type: 'OpenBillingAccount',
      accountId,
      policy: FASTWEB_BILLING,
      customer: { subjectId: 'sub-9', customerType: 'business', name: 'Rossi srl' },
    });
    await run({
      type: 'IssueInvoice',
      policy: FASTWEB_BILLING,
      invoiceNumber: 'F-09',
      issueDate: '2026-08-20',
      dueDate: '2026-09-10',
      amountCents: 15_000,
      lines: [],
    });
    clock.set('2026-09-09T08:00:00Z');
    await run({
      type: 'StartDisputeSuspension',
      policy: FASTWEB_BILLING,
      complaintId: 'c-1',
      invoiceNumber: 'F-09',
      disputedCents: 6_000,
      filedOn: '2026-09-03',
      penaltySuspended: false,
    });
    await run({
      type: 'RecordPayment',
      policy: FASTWEB_BILLING,
      paymentId: 'pay-1',
      invoiceNumber: 'F-09',
      paidOn: '2026-09-09',
      amountCents: 9_000,
    });
    const [accountRow] = await rows('billing_accounts');
    expect(accountRow).toMatchObject({
      account_id: accountId,
      operator: 'FASTWEB',
      customer_type: 'business',
      subject_id: 'sub-9',
      invoices: 1,
      revision: 3,
    });
    expect(JSON.stringify(accountRow)).not.toContain('Rossi');
    expect(await rows('billing_invoices')).toEqual([
      expect.objectContaining({
        invoice_number: 'F-09',
        amount_cents: 15_000,
        paid_cents: 9_000,
        waived_cents: 0,
        disputes_pending: 1,
        non_payment_check_at: new Date('2026-09-25T22:00:00.000Z'),
        notice_due: false,
      }),
    ]);
  });

  it('then the non-payment check is recorded as made', async () => {
    clock.set('2026-09-26T08:00:00Z');
    await run({ type: 'CheckNonPayment' });
    expect((await rows('billing_invoices'))[0]).toMatchObject({
      notice_due: false,
      non_payment_checked_at: new Date('2026-09-25T22:00:00.000Z'),
    });
  });
});
