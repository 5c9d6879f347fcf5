import { RecordedEvent } from '@sportello/eventstore';
import { BillingAccountEvent, BillingCustomer } from '../../domain/billing-account.events';
import { BillingPolicy } from '../../domain/billing.policy';
import { suspensionEligibility } from '../../domain/unpaid-amounts';
import {
  balanceOf,
  isPending,
  OpenBillingAccountState,
  paidRegularly,
} from '../../domain/billing-account.state';

type Data<T extends BillingAccountEvent['type']> = Extract<
  BillingAccountEvent,
  { type: T }
>['data'];

function ofType<T extends BillingAccountEvent['type']>(
  events: RecordedEvent[],
  type: T,
): Data<T>[] {
  return events.filter((e) => e.type === type).map((e) => e.data as Data<T>);
}

const NO_RULE = {
  suspensionAfterDays: null,
  noticeRequired: null,
  terminationAfterDays: null,
  reactivationFeeCents: null,
};

/** A billing account as a reader sees it: balances, consequences and the timeline. */
export function billingAccountView(
  state: OpenBillingAccountState,
  events: RecordedEvent[],
  revision: number,
  policyOf: (version: string) => BillingPolicy | null,
  now: Date,
) {
  const opened = ofType(events, 'BillingAccountOpened')[0];
  const payments = ofType(events, 'PaymentRecorded');
  const penalties = ofType(events, 'LatePaymentPenaltyAssessed');
  const charged = ofType(events, 'LatePaymentPenaltyCharged');
  const interest = ofType(events, 'LateInterestAssessed');
  const refunds = ofType(events, 'RefundDue');
  const credited = ofType(events, 'RefundCredited');
  const notices = [...ofType(events, 'NonPaymentNoticeDue')];
  const withheld = ofType(events, 'NonPaymentNoticeWithheld');
  const chargedOn = (penaltyId: string) =>
    charged.find((c) => c.penaltyId === penaltyId)?.chargedOnInvoice ?? null;
  const creditedOn = (complaintId: string) =>
    credited.find((c) => c.complaintId === complaintId)?.creditedOnInvoice ?? null;
  const issued = ofType(events, 'InvoiceIssued');
  return {
    accountId: state.accountId,
    operator: state.operator,
    policyVersion: opened.policyVersion,
    customer: opened.customer as BillingCustomer,
    masked: events[0].masked,
    openedAt: opened.openedAt,
    revision,
    invoices: state.invoices.map((invoice) => {
      const balance = balanceOf(invoice);
      const issue = issued.find((i) => i.invoiceNumber === invoice.number)!;
      return {
        number: invoice.number,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        amountCents: invoice.amountCents,
        currency: 'EUR',
        lines: issue.lines,
        policyVersion: invoice.policyVersion,
        leadTimeDays: issue.leadTimeDays,
        leadTimeMet: issue.leadTimeMet,
        paidCents: invoice.paidCents,
        waivedCents: invoice.waivedCents,
        ...balance,
        settled: balance.outstandingCents === 0,
        paidRegularly: paidRegularly(invoice),
        disputes: invoice.disputes.map((d) => ({
          complaintId: d.complaintId,
          disputedCents: d.disputedCents,
          filedOn: d.filedOn,
          latePaymentSuspended: d.latePaymentSuspended,
          pending: isPending(d),
          outcome: d.outcome,
          endedOn: d.endedOn,
          paidCents: d.paidCents,
          deferredCents: d.deferred.reduce((s, p) => s + p.cents, 0),
        })),
        nonPayment: {
          checkAt: invoice.nonPaymentCheckAt,
          suspension: suspensionEligibility(
            { ...invoice, pendingDisputes: invoice.disputes.filter(isPending) },
            invoice.nonPaymentCheckAt !== null &&
              Date.parse(invoice.nonPaymentCheckAt) <= now.getTime(),
            policyOf(invoice.policyVersion)?.nonPayment ?? NO_RULE,
          ),
          noticeDue: notices.find((n) => n.invoiceNumber === invoice.number) ?? null,
          withheld: withheld.filter((n) => n.invoiceNumber === invoice.number),
        },
      };
    }),
    payments,
    penalties: penalties.map((p) => ({ ...p, chargedOnInvoice: chargedOn(p.penaltyId) })),
    interest,
    interestRateMissing: ofType(events, 'LateInterestRateMissing'),
    refunds: refunds.map((r) => ({ ...r, creditedOnInvoice: creditedOn(r.complaintId) })),
    nextInvoice: {
      penaltiesToChargeCents: state.penalties
        .filter((p) => !p.chargedOnInvoice && p.chargeOn === 'FIRST_USEFUL_INVOICE')
        .reduce((s, p) => s + p.amountCents, 0),
      refundsToCreditCents: state.refunds
        .filter((r) => !r.creditedOnInvoice)
        .reduce((s, r) => s + r.amountCents, 0),
    },
    timeline: events.map((e) => ({
      revision: e.revision,
      type: e.type,
      occurredAt: e.metadata.occurredAt,
      recordedAt: e.metadata.recordedAt,
      actor: e.metadata.actor,
      data: e.data,
      masked: e.masked,
    })),
  };
}
