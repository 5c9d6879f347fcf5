import { FoldedEvent } from '@sportello/decider';
import { CalendarDate } from '@sportello/sla';
import { BillingAccountEvent, DisputeOutcome } from './billing-account.events';
import { unpaidForSuspension, UnpaidForSuspension } from './unpaid-amounts';

export interface DisputeState {
  complaintId: string;
  disputedCents: number;
  filedOn: CalendarDate;
  latePaymentSuspended: boolean;
  /** What payments applied to the contested sum. */
  paidCents: number;
  /** Parts paid late while suspended: assessed if the complaint fails (BIL-10). */
  deferred: { paymentId: string; paidOn: CalendarDate; cents: number }[];
  outcome: DisputeOutcome | null;
  endedOn: CalendarDate | null;
}

export interface InvoiceState {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: number;
  policyVersion: string;
  paidCents: number;
  waivedCents: number;
  /** Cents paid after the due date that no upheld complaint excuses (AMB-25). */
  lateUnexcusedCents: number;
  disputes: DisputeState[];
  nonPaymentCheckAt: string | null;
  lastNonPaymentCheckAt: string | null;
  nonPaymentNoticeDue: boolean;
}

export interface PenaltyState {
  penaltyId: string;
  invoiceNumber: string;
  amountCents: number;
  chargeOn: 'FIRST_USEFUL_INVOICE' | null;
  chargedOnInvoice: string | null;
}

export interface RefundState {
  complaintId: string;
  invoiceNumber: string;
  amountCents: number;
  creditedOnInvoice: string | null;
}

export type BillingAccountState =
  | { status: 'none' }
  | {
      status: 'open';
      accountId: string;
      operator: string;
      subjectId: string;
      /** In issue order: "the next invoice" is the next one in this list (BIL-2, BIL-9). */
      invoices: InvoiceState[];
      payments: number;
      penalties: PenaltyState[];
      interests: number;
      refunds: RefundState[];
    };

export type OpenBillingAccountState = Extract<BillingAccountState, { status: 'open' }>;

export const initialBillingAccountState = (): BillingAccountState => ({ status: 'none' });

export const isPending = (d: DisputeState) => d.outcome === null;

export function balanceOf(invoice: InvoiceState): UnpaidForSuspension {
  return unpaidForSuspension({
    amountCents: invoice.amountCents,
    paidCents: invoice.paidCents,
    waivedCents: invoice.waivedCents,
    pendingDisputes: invoice.disputes.filter(isPending),
  });
}

/** AMB-25: paid in full on or before the due date (an upheld complaint's sum counts as regular). */
export function paidRegularly(invoice: InvoiceState): boolean {
  return (
    balanceOf(invoice).outstandingCents === 0 &&
    invoice.lateUnexcusedCents === 0 &&
    invoice.disputes.every((d) => !isPending(d) || d.deferred.length === 0)
  );
}

/** BIL-8: how many invoices just before this one were paid regularly, one after the other. */
export function regularPaymentsBefore(
  state: OpenBillingAccountState,
  invoiceNumber: string,
): number {
  const index = state.invoices.findIndex((i) => i.number === invoiceNumber);
  let count = 0;
  for (let i = index - 1; i >= 0 && paidRegularly(state.invoices[i]); i--) count++;
  return count;
}

function updateInvoice(
  state: OpenBillingAccountState,
  number: string,
  change: (invoice: InvoiceState) => InvoiceState,
): OpenBillingAccountState {
  return {
    ...state,
    invoices: state.invoices.map((i) => (i.number === number ? change(i) : i)),
  };
}

function updateDispute(
  invoice: InvoiceState,
  complaintId: string,
  change: (dispute: DisputeState) => DisputeState,
): InvoiceState {
  return {
    ...invoice,
    disputes: invoice.disputes.map((d) => (d.complaintId === complaintId ? change(d) : d)),
  };
}

export function evolveBillingAccount(
  state: BillingAccountState,
  event: FoldedEvent<BillingAccountEvent>,
): BillingAccountState {
  if (event.type === 'BillingAccountOpened') {
    return {
      status: 'open',
      accountId: event.data.accountId,
      operator: event.data.operator,
      subjectId: event.data.customer.subjectId,
      invoices: [],
      payments: 0,
      penalties: [],
      interests: 0,
      refunds: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'InvoiceIssued': {
      const d = event.data;
      return {
        ...state,
        invoices: [
          ...state.invoices,
          {
            number: d.invoiceNumber,
            issueDate: d.issueDate,
            dueDate: d.dueDate,
            amountCents: d.amountCents,
            policyVersion: d.policyVersion,
            paidCents: 0,
            waivedCents: 0,
            lateUnexcusedCents: 0,
            disputes: [],
            nonPaymentCheckAt: d.nonPaymentCheckAt,
            lastNonPaymentCheckAt: null,
            nonPaymentNoticeDue: false,
          },
        ],
      };
    }
    case 'PaymentRecorded': {
      const d = event.data;
      const late = d.daysLate > 0;
      const chargedNow =
        d.allocation.undisputedCents +
        d.allocation.disputes
          .filter((p) => !p.latePaymentSuspended)
          .reduce((s, p) => s + p.cents, 0);
      return {
        ...updateInvoice(state, d.invoiceNumber, (invoice) => {
          let next: InvoiceState = {
            ...invoice,
            paidCents: invoice.paidCents + d.amountCents,
            lateUnexcusedCents: invoice.lateUnexcusedCents + (late ? chargedNow : 0),
          };
          for (const part of d.allocation.disputes) {
            next = updateDispute(next, part.complaintId, (dispute) => ({
              ...dispute,
              paidCents: dispute.paidCents + part.cents,
              deferred:
                late && part.latePaymentSuspended
                  ? [
                      ...dispute.deferred,
                      { paymentId: d.paymentId, paidOn: d.paidOn, cents: part.cents },
                    ]
                  : dispute.deferred,
            }));
          }
          return next;
        }),
        payments: state.payments + 1,
      };
    }
    case 'DisputeSuspensionStarted': {
      const d = event.data;
      return updateInvoice(state, d.invoiceNumber, (invoice) => ({
        ...invoice,
        disputes: [
          ...invoice.disputes,
          {
            complaintId: d.complaintId,
            disputedCents: d.disputedCents,
            filedOn: d.filedOn,
            latePaymentSuspended: d.latePaymentSuspended,
            paidCents: 0,
            deferred: [],
            outcome: null,
            endedOn: null,
          },
        ],
      }));
    }
    case 'DisputeSuspensionEnded': {
      const d = event.data;
      return updateInvoice(state, d.invoiceNumber, (invoice) => {
        const dispute = invoice.disputes.find((x) => x.complaintId === d.complaintId);
        const deferredCents = dispute?.deferred.reduce((s, p) => s + p.cents, 0) ?? 0;
        const next = updateDispute(invoice, d.complaintId, (x) => ({
          ...x,
          outcome: d.outcome,
          endedOn: d.endedOn,
        }));
        return {
          ...next,
          waivedCents: invoice.waivedCents + d.waivedCents,
          lateUnexcusedCents:
            invoice.lateUnexcusedCents + (d.outcome === 'upheld' ? 0 : deferredCents),
          nonPaymentCheckAt: d.nonPaymentCheckAt ?? invoice.nonPaymentCheckAt,
        };
      });
    }
    case 'LatePaymentPenaltyAssessed':
      return {
        ...state,
        penalties: [
          ...state.penalties,
          {
            penaltyId: event.data.penaltyId,
            invoiceNumber: event.data.invoiceNumber,
            amountCents: event.data.amountCents,
            chargeOn: event.data.chargeOn,
            chargedOnInvoice: null,
          },
        ],
      };
    case 'LatePaymentPenaltyCharged':
      return {
        ...state,
        penalties: state.penalties.map((p) =>
          p.penaltyId === event.data.penaltyId
            ? { ...p, chargedOnInvoice: event.data.chargedOnInvoice }
            : p,
        ),
      };
    case 'LateInterestAssessed':
      return { ...state, interests: state.interests + 1 };
    case 'RefundDue':
      return {
        ...state,
        refunds: [
          ...state.refunds,
          {
            complaintId: event.data.complaintId,
            invoiceNumber: event.data.invoiceNumber,
            amountCents: event.data.amountCents,
            creditedOnInvoice: null,
          },
        ],
      };
    case 'RefundCredited':
      return {
        ...state,
        refunds: state.refunds.map((r) =>
          r.complaintId === event.data.complaintId
            ? { ...r, creditedOnInvoice: event.data.creditedOnInvoice }
            : r,
        ),
      };
    case 'NonPaymentNoticeDue':
      return updateInvoice(state, event.data.invoiceNumber, (invoice) => ({
        ...invoice,
        nonPaymentNoticeDue: true,
        lastNonPaymentCheckAt: event.data.termEndedAt,
      }));
    case 'NonPaymentNoticeWithheld':
      return updateInvoice(state, event.data.invoiceNumber, (invoice) => ({
        ...invoice,
        lastNonPaymentCheckAt: event.data.termEndedAt,
      }));
    case 'LateInterestRateMissing':
      return state;
    default:
      return state;
  }
}
