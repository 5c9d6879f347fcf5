import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import { addDays, CalendarDate, daysBetween, romeDateOf, startOfRomeDay } from '@sportello/sla';
import {
  BillingAccountCommand,
  CheckNonPayment,
  EndDisputeSuspension,
  IssueInvoice,
  OpenBillingAccount,
  RecordPayment,
  ScheduleRefund,
  StartDisputeSuspension,
} from './billing-account.commands';
import { BillingAccountEvent, PaymentAllocation } from './billing-account.events';
import {
  balanceOf,
  BillingAccountState,
  evolveBillingAccount,
  initialBillingAccountState,
  InvoiceState,
  isPending,
  OpenBillingAccountState,
  regularPaymentsBefore,
} from './billing-account.state';
import { BillingPolicy } from './billing.policy';
import { daysLate, lateInterest, latePaymentPenalty } from './late-payment';

function opened(state: BillingAccountState): OpenBillingAccountState {
  if (state.status === 'none') throw new NotFound('Billing account', 'requested');
  return state;
}

function invoiceOf(state: OpenBillingAccountState, number: string): InvoiceState {
  const invoice = state.invoices.find((i) => i.number === number);
  if (!invoice) throw new NotFound('Invoice', number);
  return invoice;
}

function samePolicy(state: OpenBillingAccountState, policy: BillingPolicy): void {
  if (policy.operator !== state.operator)
    throw new RuleViolation('CAL-9', `The policy is not one of operator ${state.operator}`, {
      field: 'operator',
    });
}

function notAfterToday(date: CalendarDate, field: string, now: string, ruleId: string): void {
  if (daysBetween(romeDateOf(now), date) > 0)
    throw new RuleViolation(ruleId, `${field} cannot be in the future`, { field });
}

function openAccount(
  command: OpenBillingAccount,
  state: BillingAccountState,
  { now }: DecisionContext,
): BillingAccountEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This billing account is already open', { status: state.status });
  return [
    {
      type: 'BillingAccountOpened',
      data: {
        accountId: command.accountId,
        operator: command.policy.operator,
        policyVersion: command.policy.version,
        customer: command.customer,
        openedAt: now,
      },
    },
  ];
}

/** BIL-9, CMP-11: what waits for "the next invoice" is billed on it. */
function issueInvoice(
  command: IssueInvoice,
  state: BillingAccountState,
  { now }: DecisionContext,
): BillingAccountEvent[] {
  const account = opened(state);
  samePolicy(account, command.policy);
  if (account.invoices.some((i) => i.number === command.invoiceNumber))
    throw new ConflictingState(`Invoice ${command.invoiceNumber} is already on this account`);
  notAfterToday(command.issueDate, 'issueDate', now, 'BIL-1');
  const leadTimeDays = daysBetween(command.issueDate, command.dueDate);
  if (leadTimeDays < 0)
    throw new RuleViolation('BIL-1', 'An invoice cannot fall due before it is issued', {
      field: 'dueDate',
    });
  const lines = command.lines.reduce((sum, line) => sum + line.amountCents, 0);
  if (command.lines.length > 0 && lines !== command.amountCents)
    throw new RuleViolation('CAL-10', 'The invoice lines must add up to the invoice amount', {
      field: 'lines',
    });
  const { policy } = command;
  const suspensionAfter = policy.nonPayment.suspensionAfterDays;
  const events: BillingAccountEvent[] = [
    {
      type: 'InvoiceIssued',
      data: {
        accountId: account.accountId,
        invoiceNumber: command.invoiceNumber,
        issueDate: command.issueDate,
        dueDate: command.dueDate,
        amountCents: command.amountCents,
        currency: 'EUR',
        lines: command.lines,
        policyVersion: policy.version,
        leadTimeDays,
        leadTimeMet:
          policy.invoiceLeadTimeDays === null ? null : leadTimeDays >= policy.invoiceLeadTimeDays,
        nonPaymentCheckAt:
          suspensionAfter === null
            ? null
            : new Date(startOfRomeDay(addDays(command.dueDate, suspensionAfter + 1))).toISOString(),
      },
    },
  ];
  for (const penalty of account.penalties) {
    if (penalty.chargedOnInvoice || penalty.chargeOn !== 'FIRST_USEFUL_INVOICE') continue;
    if (penalty.amountCents === 0) continue;
    events.push({
      type: 'LatePaymentPenaltyCharged',
      data: {
        accountId: account.accountId,
        penaltyId: penalty.penaltyId,
        invoiceNumber: penalty.invoiceNumber,
        chargedOnInvoice: command.invoiceNumber,
        amountCents: penalty.amountCents,
        currency: 'EUR',
      },
    });
  }
  for (const refund of account.refunds) {
    if (refund.creditedOnInvoice) continue;
    events.push({
      type: 'RefundCredited',
      data: {
        accountId: account.accountId,
        complaintId: refund.complaintId,
        invoiceNumber: refund.invoiceNumber,
        creditedOnInvoice: command.invoiceNumber,
        amountCents: refund.amountCents,
        currency: 'EUR',
      },
    });
  }
  return events;
}

interface LatePortion {
  paymentId: string;
  paidOn: CalendarDate;
  cents: number;
  complaintId: string | null;
}

/** BIL-4 or BIL-7/BIL-8, by the policy's model, always against the printed due date (BIL-10). */
function assessLatePayment(
  account: OpenBillingAccountState,
  invoice: InvoiceState,
  policy: BillingPolicy,
  portion: LatePortion,
  counters: { penalties: number; interests: number },
): BillingAccountEvent[] {
  if (portion.cents === 0) return [];
  const common = {
    accountId: account.accountId,
    invoiceNumber: invoice.number,
    paymentId: portion.paymentId,
    complaintId: portion.complaintId,
    countedFrom: invoice.dueDate,
    paidOn: portion.paidOn,
    baseCents: portion.cents,
  };
  const { penalty, interest, model } = policy.latePayment;
  if (model === 'PENALTY_BRACKETS' && penalty) {
    const figure = latePaymentPenalty({
      baseCents: portion.cents,
      dueDate: invoice.dueDate,
      paidOn: portion.paidOn,
      terms: penalty,
      regularPaymentsBefore: regularPaymentsBefore(account, invoice.number),
    });
    if (figure.basis.kind === 'on_time') return [];
    counters.penalties += 1;
    return [
      {
        type: 'LatePaymentPenaltyAssessed',
        data: {
          ...common,
          penaltyId: `P${counters.penalties}`,
          daysLate: figure.daysLate,
          basis: figure.basis,
          amountCents: figure.amountCents,
          currency: 'EUR',
          chargeOn: penalty.chargedOn,
        },
      },
    ];
  }
  if (model === 'INTEREST' && interest) {
    const figure = lateInterest({
      baseCents: portion.cents,
      dueDate: invoice.dueDate,
      paidOn: portion.paidOn,
      terms: interest,
    });
    if (figure.status === 'none') return [];
    if (figure.status === 'rate_missing') {
      return [
        {
          type: 'LateInterestRateMissing',
          data: {
            ...common,
            accrualFrom: figure.accrualFrom,
            accrualTo: figure.accrualTo,
            missingFrom: figure.missingFrom,
          },
        },
      ];
    }
    counters.interests += 1;
    return [
      {
        type: 'LateInterestAssessed',
        data: {
          ...common,
          interestId: `I${counters.interests}`,
          daysLate: figure.daysLate,
          accrualFrom: figure.accrualFrom,
          accrualTo: figure.accrualTo,
          accrualDays: figure.accrualDays,
          segments: figure.segments,
          amountCents: figure.amountCents,
          currency: 'EUR',
        },
      },
    ];
  }
  return [];
}

/** Payments settle the undisputed balance first (BIL-3), then each pending complaint's sum. */
function allocate(invoice: InvoiceState, cents: number): PaymentAllocation {
  const undisputedCents = Math.min(cents, balanceOf(invoice).unpaidCents);
  let rest = cents - undisputedCents;
  const disputes: PaymentAllocation['disputes'] = [];
  for (const dispute of invoice.disputes.filter(isPending)) {
    const part = Math.min(rest, Math.max(0, dispute.disputedCents - dispute.paidCents));
    if (part === 0) continue;
    disputes.push({
      complaintId: dispute.complaintId,
      cents: part,
      latePaymentSuspended: dispute.latePaymentSuspended,
    });
    rest -= part;
  }
  return { undisputedCents: undisputedCents + rest, disputes };
}

function recordPayment(
  command: RecordPayment,
  state: BillingAccountState,
  { now }: DecisionContext,
): BillingAccountEvent[] {
  const account = opened(state);
  const invoice = invoiceOf(account, command.invoiceNumber);
  notAfterToday(command.paidOn, 'paidOn', now, 'BIL-3');
  if (daysBetween(invoice.issueDate, command.paidOn) < 0)
    throw new RuleViolation('BIL-3', 'A payment cannot precede the invoice it pays', {
      field: 'paidOn',
    });
  const { outstandingCents } = balanceOf(invoice);
  if (outstandingCents === 0)
    throw new ConflictingState(`Invoice ${invoice.number} is already settled`);
  if (command.amountCents > outstandingCents)
    throw new RuleViolation(
      'CAL-10',
      `The payment exceeds the ${outstandingCents} cents outstanding on the invoice`,
      { field: 'amountCents' },
    );
  const allocation = allocate(invoice, command.amountCents);
  const late = daysLate(invoice.dueDate, command.paidOn);
  const events: BillingAccountEvent[] = [
    {
      type: 'PaymentRecorded',
      data: {
        accountId: account.accountId,
        paymentId: command.paymentId,
        invoiceNumber: invoice.number,
        paidOn: command.paidOn,
        amountCents: command.amountCents,
        currency: 'EUR',
        daysLate: late,
        allocation,
      },
    },
  ];
  if (late === 0) return events;
  // BIL-10: what a pending complaint suspends waits for its outcome; the rest is late now.
  const chargedNow =
    allocation.undisputedCents +
    allocation.disputes.filter((p) => !p.latePaymentSuspended).reduce((s, p) => s + p.cents, 0);
  const after = evolveBillingAccount(account, events[0]) as OpenBillingAccountState;
  events.push(
    ...assessLatePayment(
      after,
      invoiceOf(after, invoice.number),
      command.policy,
      {
        paymentId: command.paymentId,
        paidOn: command.paidOn,
        cents: chargedNow,
        complaintId: null,
      },
      { penalties: account.penalties.length, interests: account.interests },
    ),
  );
  return events;
}

function startDispute(
  command: StartDisputeSuspension,
  state: BillingAccountState,
): BillingAccountEvent[] {
  const account = opened(state);
  const invoice = invoiceOf(account, command.invoiceNumber);
  if (account.invoices.some((i) => i.disputes.some((d) => d.complaintId === command.complaintId)))
    return [];
  const { model, suspendedWhileBillingComplaintPending } = command.policy.latePayment;
  // PSA: BIL-10 as the complaint judged it (CMP-8 window). Fastweb: BIL-3, AS-25 — only the
  // uncontested sums are due by the due date, so the contested sum accrues nothing meanwhile.
  const latePaymentSuspended =
    model === 'INTEREST'
      ? true
      : command.penaltySuspended && suspendedWhileBillingComplaintPending === true;
  return [
    {
      type: 'DisputeSuspensionStarted',
      data: {
        accountId: account.accountId,
        complaintId: command.complaintId,
        invoiceNumber: invoice.number,
        disputedCents: Math.min(command.disputedCents, invoice.amountCents),
        filedOn: command.filedOn,
        latePaymentSuspended,
      },
    },
  ];
}

function endDispute(
  command: EndDisputeSuspension,
  state: BillingAccountState,
): BillingAccountEvent[] {
  const account = opened(state);
  const invoice = account.invoices.find((i) =>
    i.disputes.some((d) => d.complaintId === command.complaintId),
  );
  const dispute = invoice?.disputes.find((d) => d.complaintId === command.complaintId);
  if (!invoice || !dispute || !isPending(dispute)) return [];
  const { outstandingCents } = balanceOf(invoice);
  const upheld = command.outcome === 'upheld';
  const waivedCents = upheld
    ? Math.min(outstandingCents, Math.max(0, dispute.disputedCents - dispute.paidCents))
    : 0;
  const suspensionAfter = command.policy.nonPayment.suspensionAfterDays;
  const stillOwed = outstandingCents - waivedCents > 0;
  let nonPaymentCheckAt: string | null = null;
  if (!upheld && stillOwed && suspensionAfter !== null) {
    // The contested sum is due again: checked at the later of the term's end and the day after
    // the date stated in the outcome (or the outcome itself).
    const termEnd = addDays(invoice.dueDate, suspensionAfter + 1);
    const afterOutcome = addDays(command.payBy ?? command.endedOn, 1);
    const checkOn = daysBetween(termEnd, afterOutcome) > 0 ? afterOutcome : termEnd;
    nonPaymentCheckAt = new Date(startOfRomeDay(checkOn)).toISOString();
  }
  const ended: BillingAccountEvent = {
    type: 'DisputeSuspensionEnded',
    data: {
      accountId: account.accountId,
      complaintId: dispute.complaintId,
      invoiceNumber: invoice.number,
      outcome: command.outcome,
      endedOn: command.endedOn,
      countedFrom: invoice.dueDate,
      payBy: command.payBy,
      waivedCents,
      nonPaymentCheckAt,
    },
  };
  if (upheld) return [ended];
  // BIL-10: rejected, the penalty is due as if counted from the printed due date, on the dates
  // the suspended sums were actually paid.
  const after = evolveBillingAccount(account, ended) as OpenBillingAccountState;
  const counters = { penalties: account.penalties.length, interests: account.interests };
  const assessed = dispute.deferred.flatMap((portion) =>
    assessLatePayment(
      after,
      invoiceOf(after, invoice.number),
      command.policy,
      { ...portion, complaintId: dispute.complaintId },
      counters,
    ),
  );
  return [ended, ...assessed];
}

function scheduleRefund(
  command: ScheduleRefund,
  state: BillingAccountState,
): BillingAccountEvent[] {
  const account = opened(state);
  invoiceOf(account, command.invoiceNumber);
  if (account.refunds.some((r) => r.complaintId === command.complaintId)) return [];
  if (!Number.isInteger(command.amountCents) || command.amountCents <= 0)
    throw new RuleViolation('CMP-11', 'A refund is a positive amount of cents', {
      field: 'amountCents',
    });
  return [
    {
      type: 'RefundDue',
      data: {
        accountId: account.accountId,
        complaintId: command.complaintId,
        invoiceNumber: command.invoiceNumber,
        amountCents: command.amountCents,
        currency: 'EUR',
      },
    },
  ];
}

/** BIL-5, EXT-BIL-1: after the term, a notice is due only for undisputed unpaid amounts. */
function checkNonPayment(
  _command: CheckNonPayment,
  state: BillingAccountState,
  { now }: DecisionContext,
): BillingAccountEvent[] {
  if (state.status === 'none') return [];
  const events: BillingAccountEvent[] = [];
  for (const invoice of state.invoices) {
    const at = invoice.nonPaymentCheckAt;
    if (!at || invoice.nonPaymentNoticeDue || invoice.lastNonPaymentCheckAt === at) continue;
    if (Date.parse(at) > Date.parse(now)) continue;
    const { unpaidCents, disputedExcludedCents } = balanceOf(invoice);
    const common = {
      accountId: state.accountId,
      invoiceNumber: invoice.number,
      dueDate: invoice.dueDate,
      termEndedAt: at,
      disputedExcludedCents,
    };
    if (unpaidCents > 0)
      events.push({ type: 'NonPaymentNoticeDue', data: { ...common, unpaidCents } });
    else if (disputedExcludedCents > 0)
      events.push({ type: 'NonPaymentNoticeWithheld', data: common });
  }
  return events;
}

export const billingAccountDecider: Decider<
  BillingAccountCommand,
  BillingAccountEvent,
  BillingAccountState
> = {
  initialState: initialBillingAccountState,
  evolve: evolveBillingAccount,
  decide(command, state, context) {
    switch (command.type) {
      case 'OpenBillingAccount':
        return openAccount(command, state, context);
      case 'IssueInvoice':
        return issueInvoice(command, state, context);
      case 'RecordPayment':
        return recordPayment(command, state, context);
      case 'StartDisputeSuspension':
        return startDispute(command, state);
      case 'EndDisputeSuspension':
        return endDispute(command, state);
      case 'ScheduleRefund':
        return scheduleRefund(command, state);
      case 'CheckNonPayment':
        return checkNonPayment(command, state, context);
    }
  },
};
