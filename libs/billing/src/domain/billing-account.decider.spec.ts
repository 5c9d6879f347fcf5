import { DecisionContext } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FASTWEB_BILLING, PSA_BILLING } from '../testing/billing-policies.fixture';
import { BillingAccountCommand } from './billing-account.commands';
import { billingAccountDecider } from './billing-account.decider';
import { BillingAccountEvent } from './billing-account.events';
import { BillingPolicy } from './billing.policy';

const operator = { id: 'op-1', roles: ['operator'] };
const at = (date: string) => `${date}T10:00:00.000Z`;
const spec = (date: string) =>
  deciderSpec(billingAccountDecider, { now: at(date), actor: operator });

/** History built by the decider itself, one command at a time, each on its own day. */
function history(steps: [string, BillingAccountCommand][]): BillingAccountEvent[] {
  const events: BillingAccountEvent[] = [];
  let state = billingAccountDecider.initialState();
  for (const [date, command] of steps) {
    const context: DecisionContext = { now: at(date), actor: operator };
    for (const event of billingAccountDecider.decide(command, state, context)) {
      events.push(event);
      state = billingAccountDecider.evolve(state, event);
    }
  }
  return events;
}

const open = (policy: BillingPolicy): [string, BillingAccountCommand] => [
  '2026-01-01',
  {
    type: 'OpenBillingAccount',
    accountId: 'acc-1',
    policy,
    customer: { subjectId: 's-1', customerType: 'residential', name: 'Giulia Romano' },
  },
];

const issue = (
  policy: BillingPolicy,
  invoiceNumber: string,
  issueDate: string,
  dueDate: string,
  amountCents: number,
): [string, BillingAccountCommand] => [
  issueDate,
  { type: 'IssueInvoice', policy, invoiceNumber, issueDate, dueDate, amountCents, lines: [] },
];

const pay = (
  policy: BillingPolicy,
  invoiceNumber: string,
  paidOn: string,
  amountCents: number,
  paymentId = `pay-${invoiceNumber}-${paidOn}`,
): BillingAccountCommand => ({
  type: 'RecordPayment',
  policy,
  paymentId,
  invoiceNumber,
  paidOn,
  amountCents,
});

const paid = (
  policy: BillingPolicy,
  invoiceNumber: string,
  paidOn: string,
  amountCents: number,
): [string, BillingAccountCommand] => [paidOn, pay(policy, invoiceNumber, paidOn, amountCents)];

const dispute = (
  policy: BillingPolicy,
  invoiceNumber: string,
  filedOn: string,
  disputedCents: number,
  penaltySuspended = true,
  complaintId = 'c-1',
): [string, BillingAccountCommand] => [
  filedOn,
  {
    type: 'StartDisputeSuspension',
    policy,
    complaintId,
    invoiceNumber,
    disputedCents,
    filedOn,
    penaltySuspended,
  },
];

const outcome = (
  policy: BillingPolicy,
  result: 'upheld' | 'rejected' | 'withdrawn',
  endedOn: string,
  payBy: string | null = null,
  complaintId = 'c-1',
): BillingAccountCommand => ({
  type: 'EndDisputeSuspension',
  policy,
  complaintId,
  outcome: result,
  endedOn,
  payBy,
});

const types = (events: BillingAccountEvent[]) => events.map((e) => e.type);
const find = <T extends BillingAccountEvent['type']>(events: BillingAccountEvent[], type: T) =>
  events.find((e) => e.type === type) as Extract<BillingAccountEvent, { type: T }>;

const PSA = PSA_BILLING;
const FW = FASTWEB_BILLING;

/** AS-22: two earlier invoices paid on time (not enough for the grace). */
const twoRegular = [
  open(PSA),
  issue(PSA, 'P-04', '2026-04-01', '2026-04-16', 5_000),
  paid(PSA, 'P-04', '2026-04-10', 5_000),
  issue(PSA, 'P-05', '2026-05-01', '2026-05-16', 5_000),
  paid(PSA, 'P-05', '2026-05-16', 5_000),
  issue(PSA, 'P-06', '2026-05-26', '2026-06-10', 10_000),
] as [string, BillingAccountCommand][];

/** AS-23: three earlier invoices paid on or before their due dates. */
const threeRegular = [
  open(PSA),
  issue(PSA, 'P-04', '2026-04-15', '2026-04-30', 8_430),
  paid(PSA, 'P-04', '2026-04-30', 8_430),
  issue(PSA, 'P-05', '2026-05-16', '2026-05-31', 8_430),
  paid(PSA, 'P-05', '2026-05-20', 8_430),
  issue(PSA, 'P-06', '2026-06-15', '2026-06-30', 8_430),
  paid(PSA, 'P-06', '2026-06-29', 8_430),
  issue(PSA, 'P-07', '2026-07-16', '2026-07-31', 8_430),
] as [string, BillingAccountCommand][];

/** AS-24: €80.00 issued 2026-07-01, due 2026-07-16, in-window complaint filed 2026-07-08. */
const disputed = [
  open(PSA),
  issue(PSA, 'P-24', '2026-07-01', '2026-07-16', 8_000),
  dispute(PSA, 'P-24', '2026-07-08', 8_000),
] as [string, BillingAccountCommand][];

describe('billing account', () => {
  describe('BIL-7, BIL-9 — PSA late payment 2% vs 5% (AS-22)', () => {
    it('AS-22: with only 2 regular payments before, paid on day 15 → penalty 2% = €2.00, to be charged on the next invoice', () => {
      spec('2026-06-25')
        .given(history(twoRegular))
        .when(pay(PSA, 'P-06', '2026-06-25', 10_000, 'pay-1'))
        .then([
          {
            type: 'PaymentRecorded',
            data: {
              accountId: 'acc-1',
              paymentId: 'pay-1',
              invoiceNumber: 'P-06',
              paidOn: '2026-06-25',
              amountCents: 10_000,
              currency: 'EUR',
              daysLate: 15,
              allocation: { undisputedCents: 10_000, disputes: [] },
            },
          },
          {
            type: 'LatePaymentPenaltyAssessed',
            data: {
              accountId: 'acc-1',
              penaltyId: 'P1',
              invoiceNumber: 'P-06',
              paymentId: 'pay-1',
              complaintId: null,
              countedFrom: '2026-06-10',
              paidOn: '2026-06-25',
              daysLate: 15,
              baseCents: 10_000,
              basis: { kind: 'bracket', fromDay: 1, toDay: 15, basisPoints: 200 },
              amountCents: 200,
              currency: 'EUR',
              chargeOn: 'FIRST_USEFUL_INVOICE',
            },
          },
        ]);
    });

    it('AS-22: paid on day 16 → penalty 5% = €5.00', () => {
      spec('2026-06-26')
        .given(history(twoRegular))
        .when(pay(PSA, 'P-06', '2026-06-26', 10_000))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            daysLate: 16,
            basis: { basisPoints: 500 },
            amountCents: 500,
          }),
        );
    });

    it('BIL-7: paid on the due date → no penalty', () => {
      spec('2026-06-10')
        .given(history(twoRegular))
        .when(pay(PSA, 'P-06', '2026-06-10', 10_000))
        .then((events) => expect(types(events)).toEqual(['PaymentRecorded']));
    });

    it('BIL-7: a partial late payment is assessed on the amount it pays', () => {
      spec('2026-06-20')
        .given(history(twoRegular))
        .when(pay(PSA, 'P-06', '2026-06-20', 4_000))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            baseCents: 4_000,
            amountCents: 80,
          }),
        );
    });

    it('BIL-9: the penalty is charged on the first invoice issued after it, once', () => {
      const assessed = history([...twoRegular, paid(PSA, 'P-06', '2026-06-25', 10_000)]);
      spec('2026-07-01')
        .given(assessed)
        .when(issue(PSA, 'P-07', '2026-07-01', '2026-07-16', 5_000)[1])
        .then((events) => {
          expect(types(events)).toEqual(['InvoiceIssued', 'LatePaymentPenaltyCharged']);
          expect(find(events, 'LatePaymentPenaltyCharged').data).toEqual({
            accountId: 'acc-1',
            penaltyId: 'P1',
            invoiceNumber: 'P-06',
            chargedOnInvoice: 'P-07',
            amountCents: 200,
            currency: 'EUR',
          });
        });
      spec('2026-08-01')
        .given(
          history([
            ...twoRegular,
            paid(PSA, 'P-06', '2026-06-25', 10_000),
            issue(PSA, 'P-07', '2026-07-01', '2026-07-16', 5_000),
          ]),
        )
        .when(issue(PSA, 'P-08', '2026-08-01', '2026-08-16', 5_000)[1])
        .then((events) => expect(types(events)).toEqual(['InvoiceIssued']));
    });
  });

  describe('BIL-8, AMB-25, CAL-10 — three-invoice grace (AS-23)', () => {
    it('AS-23: 3 regular payments before, paid 14 days late → penalty €0.00 (grace), nothing to charge', () => {
      spec('2026-08-14')
        .given(history(threeRegular))
        .when(pay(PSA, 'P-07', '2026-08-14', 8_430))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            daysLate: 14,
            basis: { kind: 'grace', regularPayments: 3 },
            amountCents: 0,
          }),
        );
      spec('2026-09-01')
        .given(history([...threeRegular, paid(PSA, 'P-07', '2026-08-14', 8_430)]))
        .when(issue(PSA, 'P-08', '2026-09-01', '2026-09-16', 8_430)[1])
        .then((events) => expect(types(events)).toEqual(['InvoiceIssued']));
    });

    it('AS-23, CAL-10: paid 20 days late → 5% of €84.30 = €4.215 → €4.22', () => {
      spec('2026-08-20')
        .given(history(threeRegular))
        .when(pay(PSA, 'P-07', '2026-08-20', 8_430))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            daysLate: 20,
            basis: { kind: 'bracket', basisPoints: 500 },
            amountCents: 422,
          }),
        );
    });

    it('AMB-25: an invoice paid a day late breaks the run of regular payments', () => {
      const broken = threeRegular.map(([date, command]) =>
        command.type === 'RecordPayment' && command.invoiceNumber === 'P-06'
          ? paid(PSA, 'P-06', '2026-07-01', 8_430)
          : ([date, command] as [string, BillingAccountCommand]),
      );
      spec('2026-08-14')
        .given(history(broken))
        .when(pay(PSA, 'P-07', '2026-08-14', 8_430))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            basis: { kind: 'bracket', basisPoints: 200 },
            amountCents: 169,
          }),
        );
    });

    it('AMB-25: a sum paid under a complaint that was upheld counts as regular', () => {
      const steps = threeRegular.map(([date, command]) =>
        command.type === 'RecordPayment' && command.invoiceNumber === 'P-06'
          ? paid(PSA, 'P-06', '2026-07-05', 8_430)
          : ([date, command] as [string, BillingAccountCommand]),
      );
      const index = steps.findIndex(
        ([, c]) => c.type === 'RecordPayment' && c.invoiceNumber === 'P-06',
      );
      steps.splice(index, 0, dispute(PSA, 'P-06', '2026-06-20', 8_430));
      steps.push(['2026-07-20', outcome(PSA, 'upheld', '2026-07-20')]);
      spec('2026-08-14')
        .given(history(steps))
        .when(pay(PSA, 'P-07', '2026-08-14', 8_430))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data.basis).toMatchObject({
            kind: 'grace',
          }),
        );
    });
  });

  describe('BIL-10, CMP-11 — penalty suspended during a billing complaint (AS-24)', () => {
    it('AS-24: while the complaint is pending, time passing assesses nothing', () => {
      spec('2026-08-09').given(history(disputed)).when({ type: 'CheckNonPayment' }).then([]);
    });

    it('AS-24: rejected on 2026-08-10 with payment by 2026-08-25, paid 2026-08-24 → 39 days from the original due date → 5% = €4.00, charged on the next invoice', () => {
      const rejected = history([
        ...disputed,
        ['2026-08-10', outcome(PSA, 'rejected', '2026-08-10', '2026-08-25')],
      ]);
      expect(find(rejected, 'DisputeSuspensionEnded').data).toMatchObject({
        outcome: 'rejected',
        countedFrom: '2026-07-16',
        payBy: '2026-08-25',
        waivedCents: 0,
      });
      spec('2026-08-24')
        .given(rejected)
        .when(pay(PSA, 'P-24', '2026-08-24', 8_000))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            countedFrom: '2026-07-16',
            daysLate: 39,
            basis: { basisPoints: 500 },
            amountCents: 400,
            chargeOn: 'FIRST_USEFUL_INVOICE',
          }),
        );
      spec('2026-09-01')
        .given(
          history([
            ...disputed,
            ['2026-08-10', outcome(PSA, 'rejected', '2026-08-10', '2026-08-25')],
            paid(PSA, 'P-24', '2026-08-24', 8_000),
          ]),
        )
        .when(issue(PSA, 'P-25', '2026-09-01', '2026-09-16', 8_000)[1])
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyCharged').data).toMatchObject({
            invoiceNumber: 'P-24',
            chargedOnInvoice: 'P-25',
            amountCents: 400,
          }),
        );
    });

    it('BIL-10: a sum paid late while suspended is assessed only on rejection, at its actual payment date', () => {
      const paidWhilePending = history([...disputed, paid(PSA, 'P-24', '2026-07-25', 8_000)]);
      expect(types(paidWhilePending)).not.toContain('LatePaymentPenaltyAssessed');
      spec('2026-08-10')
        .given(paidWhilePending)
        .when(outcome(PSA, 'rejected', '2026-08-10'))
        .then((events) => {
          expect(types(events)).toEqual(['DisputeSuspensionEnded', 'LatePaymentPenaltyAssessed']);
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            complaintId: 'c-1',
            paidOn: '2026-07-25',
            daysLate: 9,
            amountCents: 160,
          });
        });
    });

    it('BIL-10, CMP-11: upheld → no penalty, the unpaid contested sum is waived, the refund is credited on the next invoice', () => {
      const partlyPaid = [...disputed, paid(PSA, 'P-24', '2026-07-10', 3_000)] as [
        string,
        BillingAccountCommand,
      ][];
      spec('2026-08-10')
        .given(history(partlyPaid))
        .when(outcome(PSA, 'upheld', '2026-08-10'))
        .then([
          {
            type: 'DisputeSuspensionEnded',
            data: {
              accountId: 'acc-1',
              complaintId: 'c-1',
              invoiceNumber: 'P-24',
              outcome: 'upheld',
              endedOn: '2026-08-10',
              countedFrom: '2026-07-16',
              payBy: null,
              waivedCents: 5_000,
              nonPaymentCheckAt: null,
            },
          },
        ]);
      const upheld = [
        ...partlyPaid,
        ['2026-08-10', outcome(PSA, 'upheld', '2026-08-10')],
        [
          '2026-08-10',
          { type: 'ScheduleRefund', complaintId: 'c-1', invoiceNumber: 'P-24', amountCents: 3_000 },
        ],
      ] as [string, BillingAccountCommand][];
      expect(find(history(upheld), 'RefundDue').data).toMatchObject({ amountCents: 3_000 });
      spec('2026-09-01')
        .given(history(upheld))
        .when(issue(PSA, 'P-25', '2026-09-01', '2026-09-16', 8_000)[1])
        .then((events) => {
          expect(types(events)).toEqual(['InvoiceIssued', 'RefundCredited']);
          expect(find(events, 'RefundCredited').data).toEqual({
            accountId: 'acc-1',
            complaintId: 'c-1',
            invoiceNumber: 'P-24',
            creditedOnInvoice: 'P-25',
            amountCents: 3_000,
            currency: 'EUR',
          });
        });
    });

    it('CMP-8, BIL-10: a complaint outside the window suspends nothing', () => {
      spec('2026-07-25')
        .given(
          history([
            open(PSA),
            issue(PSA, 'P-24', '2026-07-01', '2026-07-16', 8_000),
            dispute(PSA, 'P-24', '2026-07-20', 8_000, false),
          ]),
        )
        .when(pay(PSA, 'P-24', '2026-07-25', 8_000))
        .then((events) =>
          expect(find(events, 'LatePaymentPenaltyAssessed').data).toMatchObject({
            amountCents: 160,
          }),
        );
    });

    it('mirroring is idempotent: the same complaint starts, ends and refunds once', () => {
      spec('2026-07-09')
        .given(history(disputed))
        .when(dispute(PSA, 'P-24', '2026-07-08', 8_000)[1])
        .then([]);
      const ended = history([...disputed, ['2026-08-10', outcome(PSA, 'rejected', '2026-08-10')]]);
      spec('2026-08-11')
        .given(ended)
        .when(outcome(PSA, 'rejected', '2026-08-10'))
        .then([]);
      spec('2026-08-11')
        .given(ended)
        .when(outcome(PSA, 'upheld', '2026-08-10', null, 'c-unknown'))
        .then([]);
      const refunded = history([
        ...disputed,
        [
          '2026-08-10',
          { type: 'ScheduleRefund', complaintId: 'c-1', invoiceNumber: 'P-24', amountCents: 100 },
        ],
      ]);
      spec('2026-08-11')
        .given(refunded)
        .when({
          type: 'ScheduleRefund',
          complaintId: 'c-1',
          invoiceNumber: 'P-24',
          amountCents: 100,
        })
        .then([]);
    });
  });

  describe('BIL-3, BIL-5, EXT-BIL-1 — Fastweb invoice partly disputed (AS-25)', () => {
    const as25 = [
      open(FW),
      issue(FW, 'F-09', '2026-08-20', '2026-09-10', 15_000),
      dispute(FW, 'F-09', '2026-09-03', 6_000, false),
      paid(FW, 'F-09', '2026-09-09', 9_000),
    ] as [string, BillingAccountCommand][];

    it('AS-25: the €90.00 paid on 2026-09-09 settles the undisputed part on time', () => {
      const events = history(as25);
      expect(find(events, 'InvoiceIssued').data.nonPaymentCheckAt).toBe('2026-09-25T22:00:00.000Z');
      expect(find(events, 'DisputeSuspensionStarted').data.latePaymentSuspended).toBe(true);
      expect(find(events, 'PaymentRecorded').data).toMatchObject({
        daysLate: 0,
        allocation: { undisputedCents: 9_000, disputes: [] },
      });
    });

    it('AS-25, EXT-BIL-1: on 2026-09-26 with the complaint pending, no notice for the contested €60.00', () => {
      spec('2026-09-26')
        .given(history(as25))
        .when({ type: 'CheckNonPayment' })
        .then([
          {
            type: 'NonPaymentNoticeWithheld',
            data: {
              accountId: 'acc-1',
              invoiceNumber: 'F-09',
              dueDate: '2026-09-10',
              termEndedAt: '2026-09-25T22:00:00.000Z',
              disputedExcludedCents: 6_000,
            },
          },
        ]);
    });

    it('AS-25, BIL-3: no interest accrues on the contested sum while the complaint is pending', () => {
      spec('2026-10-20')
        .given(history(as25))
        .when(pay(FW, 'F-09', '2026-10-20', 6_000))
        .then((events) => expect(types(events)).toEqual(['PaymentRecorded']));
    });

    it('BIL-3: the complaint does not excuse the undisputed part — €50.00 of €90.00 paid → notice for €40.00', () => {
      const short = as25.map(([date, c]) =>
        c.type === 'RecordPayment'
          ? paid(FW, 'F-09', '2026-09-09', 5_000)
          : ([date, c] as [string, BillingAccountCommand]),
      );
      spec('2026-09-26')
        .given(history(short))
        .when({ type: 'CheckNonPayment' })
        .then((events) =>
          expect(events).toEqual([
            expect.objectContaining({
              type: 'NonPaymentNoticeDue',
              data: expect.objectContaining({ unpaidCents: 4_000, disputedExcludedCents: 6_000 }),
            }),
          ]),
        );
    });

    it('BIL-5: an undisputed invoice unpaid after the 15-day term → notice due, once; not before the term ends', () => {
      const unpaid = history([open(FW), issue(FW, 'F-09', '2026-08-20', '2026-09-10', 15_000)]);
      spec('2026-09-25').given(unpaid).when({ type: 'CheckNonPayment' }).then([]);
      spec('2026-09-26')
        .given(unpaid)
        .when({ type: 'CheckNonPayment' })
        .then((events) =>
          expect(find(events, 'NonPaymentNoticeDue').data).toEqual({
            accountId: 'acc-1',
            invoiceNumber: 'F-09',
            dueDate: '2026-09-10',
            termEndedAt: '2026-09-25T22:00:00.000Z',
            unpaidCents: 15_000,
            disputedExcludedCents: 0,
          }),
        );
      const noticed = history([
        open(FW),
        issue(FW, 'F-09', '2026-08-20', '2026-09-10', 15_000),
        ['2026-09-26', { type: 'CheckNonPayment' }],
      ]);
      spec('2026-09-27').given(noticed).when({ type: 'CheckNonPayment' }).then([]);
    });

    it('BIL-5: once the complaint is rejected the contested sum is checked again after the date in the letter', () => {
      spec('2026-10-01')
        .given(history(as25))
        .when(outcome(FW, 'rejected', '2026-10-01', '2026-10-15'))
        .then((events) =>
          expect(find(events, 'DisputeSuspensionEnded').data.nonPaymentCheckAt).toBe(
            '2026-10-15T22:00:00.000Z',
          ),
        );
    });

    it('PSA has no non-payment rule in the seeds: no check is ever scheduled', () => {
      expect(find(history(disputed), 'InvoiceIssued').data.nonPaymentCheckAt).toBeNull();
    });
  });

  describe('BIL-4, AMB-23 — Fastweb late-payment interest (AS-26)', () => {
    const as26 = [open(FW), issue(FW, 'F-02', '2026-01-20', '2026-02-10', 12_000)] as [
      string,
      BillingAccountCommand,
    ][];

    it('AS-26: €120.00 due 2026-02-10 paid 2026-03-12 → 5.00% a year, days 16–30 → €0.25', () => {
      spec('2026-03-12')
        .given(history(as26))
        .when(pay(FW, 'F-02', '2026-03-12', 12_000, 'pay-1'))
        .then((events) =>
          expect(find(events, 'LateInterestAssessed').data).toMatchObject({
            interestId: 'I1',
            invoiceNumber: 'F-02',
            paymentId: 'pay-1',
            countedFrom: '2026-02-10',
            daysLate: 30,
            baseCents: 12_000,
            accrualFrom: '2026-02-26',
            accrualTo: '2026-03-12',
            accrualDays: 15,
            segments: [{ annualBasisPoints: 500, days: 15 }],
            amountCents: 25,
          }),
        );
    });

    it('AMB-23: paid on day 15 → no interest', () => {
      spec('2026-02-25')
        .given(history(as26))
        .when(pay(FW, 'F-02', '2026-02-25', 12_000))
        .then((events) => expect(types(events)).toEqual(['PaymentRecorded']));
    });

    it('BIL-4: without an entered legal rate the payment is recorded and the missing rate flagged', () => {
      const noRate: BillingPolicy = {
        ...FW,
        latePayment: {
          ...FW.latePayment,
          interest: { ...FW.latePayment.interest!, legalRates: [] },
        },
      };
      spec('2026-03-12')
        .given(history(as26))
        .when(pay(noRate, 'F-02', '2026-03-12', 12_000))
        .then((events) =>
          expect(types(events)).toEqual(['PaymentRecorded', 'LateInterestRateMissing']),
        );
    });
  });

  describe('refusals', () => {
    const base = history([open(PSA), issue(PSA, 'P-06', '2026-05-26', '2026-06-10', 10_000)]);

    it('CAL-10: a payment above what is outstanding', () => {
      spec('2026-06-01')
        .given(base)
        .when(pay(PSA, 'P-06', '2026-06-01', 10_001))
        .thenRefuses({ ruleId: 'CAL-10', details: { field: 'amountCents' } });
    });

    it('BIL-3: a payment dated in the future or before the invoice', () => {
      spec('2026-06-01')
        .given(base)
        .when(pay(PSA, 'P-06', '2026-06-02', 100))
        .thenRefuses({ ruleId: 'BIL-3', details: { field: 'paidOn' } });
      spec('2026-06-01')
        .given(base)
        .when(pay(PSA, 'P-06', '2026-05-25', 100))
        .thenRefuses({ ruleId: 'BIL-3', details: { field: 'paidOn' } });
    });

    it('a settled invoice takes no more payments; an unknown invoice is not found', () => {
      const settled = history([
        open(PSA),
        issue(PSA, 'P-06', '2026-05-26', '2026-06-10', 10_000),
        paid(PSA, 'P-06', '2026-06-01', 10_000),
      ]);
      spec('2026-06-02')
        .given(settled)
        .when(pay(PSA, 'P-06', '2026-06-02', 1))
        .thenRefuses({ kind: 'conflicting_state' });
      spec('2026-06-02')
        .given(base)
        .when(pay(PSA, 'P-99', '2026-06-02', 1))
        .thenRefuses({ kind: 'not_found' });
    });

    it('BIL-1: an invoice due before its issue date, or issued in the future; the same number twice', () => {
      spec('2026-06-01')
        .given(base)
        .when(issue(PSA, 'P-07', '2026-06-01', '2026-05-31', 100)[1])
        .thenRefuses({ ruleId: 'BIL-1', details: { field: 'dueDate' } });
      spec('2026-06-01')
        .given(base)
        .when(issue(PSA, 'P-07', '2026-06-02', '2026-06-20', 100)[1])
        .thenRefuses({ ruleId: 'BIL-1', details: { field: 'issueDate' } });
      spec('2026-06-01')
        .given(base)
        .when(issue(PSA, 'P-06', '2026-06-01', '2026-06-20', 100)[1])
        .thenRefuses({ kind: 'conflicting_state' });
    });

    it('CAL-9: an invoice judged by another operator’s policy', () => {
      spec('2026-06-01')
        .given(base)
        .when(issue(FW, 'P-07', '2026-06-01', '2026-06-20', 100)[1])
        .thenRefuses({ ruleId: 'CAL-9' });
    });

    it('BIL-1: records whether the 15-day lead time was met', () => {
      spec('2026-06-01')
        .given(base)
        .when(issue(PSA, 'P-07', '2026-06-01', '2026-06-10', 100)[1])
        .then((events) =>
          expect(find(events, 'InvoiceIssued').data).toMatchObject({
            leadTimeDays: 9,
            leadTimeMet: false,
          }),
        );
    });
  });
});
