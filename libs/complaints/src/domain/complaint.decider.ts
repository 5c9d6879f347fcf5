import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import { endOfRomeDay, romeDateOf } from '@sportello/sla';
import {
  answerTerm,
  assessBilling,
  assessOutage,
  missingOutageFields,
  receiptInstant,
} from './complaint-deadlines';
import {
  AcknowledgeComplaint,
  AddComplaintNote,
  AnswerComplaint,
  CloseComplaint,
  ComplaintCommand,
  CompleteOutageDetails,
  FileComplaint,
  RecordAnswerDeadlineMissed,
  SendComplexityNotice,
  WithdrawComplaint,
} from './complaint.commands';
import { ComplaintEvent, DisputedInvoice, OutageDetails } from './complaint.events';
import {
  ComplaintState,
  evolveComplaint,
  FiledComplaint,
  initialComplaintState,
} from './complaint.state';

const ms = (instant: string) => Date.parse(instant);

function filed(state: ComplaintState): FiledComplaint {
  if (state.status === 'none') throw new NotFound('Complaint', 'requested');
  return state;
}

function pending(state: ComplaintState, action: string): FiledComplaint {
  const complaint = filed(state);
  if (complaint.status !== 'open') {
    throw new ConflictingState(`A ${complaint.status} complaint cannot be ${action}`, {
      status: complaint.status,
    });
  }
  return complaint;
}

function notInFuture(instant: string, field: string, now: string, ruleId: string): void {
  if (ms(instant) > ms(now))
    throw new RuleViolation(ruleId, `${field} cannot be in the future`, { field });
}

function fileComplaint(
  command: FileComplaint,
  state: ComplaintState,
  { now }: DecisionContext,
): ComplaintEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This complaint was already filed', { status: state.status });
  const { policy } = command;
  if (command.channel === 'fax' && !command.sentAt) {
    throw new RuleViolation('CMP-4', 'A fax complaint needs the time it was sent', {
      field: 'sentAt',
    });
  }
  if (command.channel !== 'fax' && !command.receivedAt) {
    throw new RuleViolation('CMP-4', 'The time the complaint was received is required', {
      field: 'receivedAt',
    });
  }
  if (command.sentAt) notInFuture(command.sentAt, 'sentAt', now, 'CMP-4');
  if (command.receivedAt) notInFuture(command.receivedAt, 'receivedAt', now, 'CMP-4');
  const receivedAt = receiptInstant(command.channel, command.receivedAt, command.sentAt) as string;

  let invoice: DisputedInvoice | null = null;
  if (command.invoice) {
    invoice = {
      ...command.invoice,
      deliveredOn: command.invoice.deliveredOn ?? null,
      currency: 'EUR',
    };
    if (invoice.disputedCents > invoice.amountCents) {
      throw new RuleViolation('CMP-8', 'The disputed amount cannot exceed the invoice amount', {
        field: 'invoice.disputedCents',
      });
    }
    if (invoice.dueDate < invoice.issueDate) {
      throw new RuleViolation('CMP-8', 'An invoice cannot fall due before it was issued', {
        field: 'invoice.dueDate',
      });
    }
    if (invoice.deliveredOn && invoice.deliveredOn < invoice.issueDate) {
      throw new RuleViolation('CMP-8', 'An invoice cannot be delivered before it was issued', {
        field: 'invoice.deliveredOn',
      });
    }
    if (invoice.issueDate > romeDateOf(receivedAt)) {
      throw new RuleViolation(
        'CMP-8',
        'A complaint cannot dispute an invoice issued after it was received',
        { field: 'invoice.issueDate' },
      );
    }
  }

  if (command.outage) checkOutageDates(command.outage, receivedAt);
  if (command.billingItem && command.billingItem.operator !== policy.operator) {
    throw new RuleViolation(
      'CMP-1',
      'The disputed charge was billed by another operator than the one complained to',
      { field: 'billingItem.chargeId' },
    );
  }
  const term = answerTerm(policy, receivedAt);
  const billing = invoice ? assessBilling(policy, invoice, receivedAt) : null;
  const outageAssessment = command.outage
    ? assessOutage(policy, command.outage, command.channel, receivedAt)
    : null;
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintFiled',
      data: {
        complaintId: command.complaintId,
        trackingCode: command.trackingCode,
        operator: policy.operator,
        policyVersion: policy.version,
        customer: command.customer,
        channel: command.channel,
        receivedAt: new Date(ms(receivedAt)).toISOString(),
        sentAt: command.sentAt ? new Date(ms(command.sentAt)).toISOString() : null,
        category: command.category,
        description: command.description,
        invoice,
        billing,
        outage: command.outage,
        outageAssessment,
        billingItem: command.billingItem ?? null,
        answerDueAt: term.dueAt,
        answerDue: {
          rule: 'CMP-5',
          clause: policy.answerTermClause,
          termDays: policy.answerTermDays,
          dueDate: term.dueDate,
          summary: term.summary,
        },
      },
    },
  ];
  if (invoice && billing?.suspendsLatePayment) {
    events.push({
      type: 'LatePaymentPenaltySuspended',
      data: {
        complaintId: command.complaintId,
        invoiceNumber: invoice.number,
        disputedCents: invoice.disputedCents,
        originalDueDate: invoice.dueDate,
      },
    });
  }
  if (outageAssessment && outageAssessment.missingFields.length > 0) {
    events.push({
      type: 'ComplaintCompletionRequested',
      data: {
        complaintId: command.complaintId,
        subjectId: command.customer.subjectId,
        rule: 'CMP-9',
        missingFields: outageAssessment.missingFields,
      },
    });
  }
  // A complaint received long ago may be filed already late: it is marked missed at once.
  if (ms(term.dueAt) < ms(now)) {
    events.push({
      type: 'ComplaintAnswerDeadlineMissed',
      data: { complaintId: command.complaintId, answerDueAt: term.dueAt },
    });
  }
  return events;
}

function checkOutageDates(outage: OutageDetails, receivedAt: string): void {
  const receivedOn = romeDateOf(receivedAt);
  if (outage.startedOn && outage.startedOn > receivedOn)
    throw new RuleViolation('CMP-9', 'The disruption cannot start after the complaint', {
      field: 'outage.startedOn',
    });
  if (outage.outageEndedOn && outage.startedOn && outage.outageEndedOn < outage.startedOn)
    throw new RuleViolation('CMP-9', 'An outage cannot end before it started', {
      field: 'outage.outageEndedOn',
    });
}

function completeOutage(command: CompleteOutageDetails, state: ComplaintState): ComplaintEvent[] {
  const complaint = pending(state, 'completed');
  if (complaint.outageMissing.length === 0) {
    throw new ConflictingState('This complaint lacks no outage details', {}, 'CMP-9');
  }
  const merged: OutageDetails = {
    ...complaint.outage,
    ...Object.fromEntries(Object.entries(command.outage).filter(([, v]) => v !== null)),
    place:
      command.outage.place || complaint.outage?.place
        ? {
            municipality:
              command.outage.place?.municipality ?? complaint.outage?.place?.municipality ?? null,
            street: command.outage.place?.street ?? complaint.outage?.place?.street ?? null,
            postcode: command.outage.place?.postcode ?? complaint.outage?.place?.postcode ?? null,
          }
        : null,
  } as OutageDetails;
  checkOutageDates(merged, complaint.receivedAt);
  return [
    {
      type: 'OutageDetailsCompleted',
      data: {
        complaintId: complaint.complaintId,
        subjectId: complaint.subjectId,
        outage: merged,
        missingFields: missingOutageFields(merged),
      },
    },
  ];
}

function acknowledge(_command: AcknowledgeComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = pending(state, 'acknowledged');
  return complaint.acknowledged
    ? []
    : [{ type: 'ComplaintAcknowledged', data: { complaintId: complaint.complaintId } }];
}

function addNote(command: AddComplaintNote, state: ComplaintState): ComplaintEvent[] {
  const complaint = filed(state);
  if (complaint.status === 'closed')
    throw new ConflictingState('A closed complaint takes no more notes', { status: 'closed' });
  return [
    {
      type: 'ComplaintNoteAdded',
      data: {
        complaintId: complaint.complaintId,
        noteId: command.noteId,
        subjectId: complaint.subjectId,
        text: command.text,
      },
    },
  ];
}

function sendComplexityNotice(
  command: SendComplexityNotice,
  state: ComplaintState,
  { now }: DecisionContext,
): ComplaintEvent[] {
  const complaint = pending(state, 'given a complexity notice');
  if (!command.policy.complexityExtensionAllowed) {
    throw new RuleViolation(
      'CMP-7',
      `The ${complaint.operator} policy allows no complexity extension of the answer term`,
      { field: 'answerDate' },
    );
  }
  notInFuture(command.noticedAt, 'noticedAt', now, 'CMP-7');
  if (complaint.complexityNoticeAt)
    throw new ConflictingState('A complexity notice was already sent for this complaint');
  if (ms(command.noticedAt) > ms(complaint.answerDueAt)) {
    throw new RuleViolation(
      'CMP-7',
      'A complexity notice after the answer term has run out extends nothing',
      { field: 'noticedAt' },
    );
  }
  const answerDueAt = new Date(endOfRomeDay(command.answerDate)).toISOString();
  if (ms(answerDueAt) <= ms(complaint.answerDueAt)) {
    throw new RuleViolation(
      'CMP-7',
      'The communicated answer date must be later than the current deadline',
      { field: 'answerDate' },
    );
  }
  return [
    {
      type: 'ComplaintComplexityNoticeSent',
      data: {
        complaintId: complaint.complaintId,
        subjectId: complaint.subjectId,
        noticedAt: new Date(ms(command.noticedAt)).toISOString(),
        progress: command.progress,
        previousAnswerDueAt: complaint.answerDueAt,
        answerDueAt,
      },
    },
  ];
}

function answer(
  command: AnswerComplaint,
  state: ComplaintState,
  { now }: DecisionContext,
): ComplaintEvent[] {
  const complaint = pending(state, 'answered');
  notInFuture(command.answeredAt, 'answeredAt', now, 'CMP-6');
  if (ms(command.answeredAt) < ms(complaint.receivedAt)) {
    throw new RuleViolation('CMP-6', 'A complaint cannot be answered before it was received', {
      field: 'answeredAt',
    });
  }
  const reasons = command.answerDocument?.reasons.filter((r) => r.trim().length > 0) ?? [];
  if (command.outcome === 'rejected' && (!command.answerDocument || reasons.length === 0)) {
    throw new RuleViolation('CMP-6', 'written reasoned answer required on rejection', {
      field: 'answerDocument',
    });
  }
  if (command.outcome === 'upheld' && command.measures.filter((m) => m.trim()).length === 0) {
    throw new RuleViolation('CMP-6', 'an upheld complaint must state the measures taken', {
      field: 'measures',
    });
  }
  if (command.refundCents !== null && command.outcome !== 'upheld') {
    throw new RuleViolation('CMP-11', 'Only an upheld complaint gives a refund', {
      field: 'refundCents',
    });
  }
  if (command.paymentDueOn !== null && (command.outcome !== 'rejected' || !complaint.invoice)) {
    throw new RuleViolation(
      'BIL-10',
      'A payment date belongs only to a rejected billing complaint',
      { field: 'paymentDueOn' },
    );
  }
  const answeredAt = new Date(ms(command.answeredAt)).toISOString();
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintAnswered',
      data: {
        complaintId: complaint.complaintId,
        subjectId: complaint.subjectId,
        outcome: command.outcome,
        answeredAt,
        answerDocument: command.answerDocument
          ? { reference: command.answerDocument.reference, reasons }
          : null,
        measures: command.measures,
        refundCents: command.refundCents,
        paymentDueOn: command.paymentDueOn,
        answerDueAt: complaint.answerDueAt,
        late: ms(answeredAt) > ms(complaint.answerDueAt),
      },
    },
  ];
  if (complaint.invoice && complaint.penaltySuspended && command.outcome === 'rejected') {
    events.push({
      type: 'LatePaymentPenaltyReinstated',
      data: {
        complaintId: complaint.complaintId,
        invoiceNumber: complaint.invoice.number,
        disputedCents: complaint.invoice.disputedCents,
        countedFrom: complaint.invoice.dueDate,
        payBy: command.paymentDueOn,
      },
    });
  }
  if (command.outcome === 'upheld' && command.refundCents && command.refundCents > 0) {
    events.push({
      type: 'RefundScheduled',
      data: {
        complaintId: complaint.complaintId,
        amountCents: command.refundCents,
        currency: 'EUR',
        on: 'next_invoice',
      },
    });
  }
  return events;
}

function recordDeadlineMissed(
  command: RecordAnswerDeadlineMissed,
  state: ComplaintState,
  { now }: DecisionContext,
): ComplaintEvent[] {
  if (state.status === 'none') return [];
  // A timer may fire late, twice or for a deadline that has since moved: only a real miss counts.
  const stillPending = state.status === 'open' && !state.deadlineMissed;
  const sameDeadline = ms(command.answerDueAt) === ms(state.answerDueAt);
  if (!stillPending || !sameDeadline || ms(now) <= ms(state.answerDueAt)) return [];
  return [
    {
      type: 'ComplaintAnswerDeadlineMissed',
      data: { complaintId: state.complaintId, answerDueAt: state.answerDueAt },
    },
  ];
}

function withdraw(
  command: WithdrawComplaint,
  state: ComplaintState,
  { now }: DecisionContext,
): ComplaintEvent[] {
  const complaint = pending(state, 'withdrawn');
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintWithdrawn',
      data: {
        complaintId: complaint.complaintId,
        subjectId: complaint.subjectId,
        reason: command.reason,
        withdrawnAt: now,
      },
    },
  ];
  // BIL-10: the suspension lasts while the dispute is pending; dropping it ends the suspension
  // as a rejection would, counted from the original due date.
  if (complaint.invoice && complaint.penaltySuspended) {
    events.push({
      type: 'LatePaymentPenaltyReinstated',
      data: {
        complaintId: complaint.complaintId,
        invoiceNumber: complaint.invoice.number,
        disputedCents: complaint.invoice.disputedCents,
        countedFrom: complaint.invoice.dueDate,
        payBy: null,
      },
    });
  }
  return events;
}

function close(_command: CloseComplaint, state: ComplaintState): ComplaintEvent[] {
  const complaint = filed(state);
  if (complaint.status === 'closed') return [];
  if (complaint.status === 'open') {
    throw new ConflictingState(
      'An open complaint is closed only after its written answer or its withdrawal',
      { status: 'open' },
      'CMP-6',
    );
  }
  return [{ type: 'ComplaintClosed', data: { complaintId: complaint.complaintId } }];
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  // A notice sent to the customer (NTF) is recorded on the complaint, but changes none of its
  // rules: an operator's If-Match read before it still holds.
  annotations: [
    'CustomerNotified',
    // IND-12: the indemnity ledger's lines, appended by its reactor and by supervisors.
    'IndemnityAssessed',
    'IndemnityCredited',
    'SupplementaryIndemnityDecided',
  ],
  decide(command, state, context) {
    switch (command.type) {
      case 'FileComplaint':
        return fileComplaint(command, state, context);
      case 'CompleteOutageDetails':
        return completeOutage(command, state);
      case 'AcknowledgeComplaint':
        return acknowledge(command, state);
      case 'AddComplaintNote':
        return addNote(command, state);
      case 'SendComplexityNotice':
        return sendComplexityNotice(command, state, context);
      case 'AnswerComplaint':
        return answer(command, state, context);
      case 'RecordAnswerDeadlineMissed':
        return recordDeadlineMissed(command, state, context);
      case 'WithdrawComplaint':
        return withdraw(command, state, context);
      case 'CloseComplaint':
        return close(command, state);
    }
  },
};
