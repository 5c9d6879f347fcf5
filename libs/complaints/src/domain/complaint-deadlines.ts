import {
  DueTerm,
  dueBySolarDays,
  dueByWorkingDays,
  romeDateOf,
  startOfRomeDay,
  Term,
} from '@sportello/sla';
import {
  BillingAssessment,
  ComplaintChannel,
  DisputedInvoice,
  OutageAssessment,
  OutageDetails,
} from './complaint.events';
import { ComplaintPolicy } from './complaint.policy';

function due(term: Term): DueTerm {
  // Complaint terms never pause (CAL-8), so a suspended term here would be a programming error.
  if (term.status !== 'DUE') throw new Error('A complaint term cannot be suspended');
  return term;
}

/** CMP-4: when the answer clock starts. A fax counts as received on the next working day. */
export function receiptInstant(
  channel: ComplaintChannel,
  receivedAt: string | null,
  sentAt: string | null,
): string | null {
  if (channel === 'fax' && sentAt) {
    const receiptDate = due(dueByWorkingDays({ from: sentAt, days: 1 })).dueDate;
    return new Date(startOfRomeDay(receiptDate)).toISOString();
  }
  return receivedAt;
}

/** CMP-5, CAL-2: N solar days from the day of receipt, due at the end of that day. */
export function answerTerm(policy: ComplaintPolicy, receivedAt: string): DueTerm {
  return due(dueBySolarDays({ from: receivedAt, days: policy.answerTermDays }));
}

/** CMP-8, AMB-4, AMB-5, BIL-10: whether a billing complaint came within the filing window. */
export function assessBilling(
  policy: ComplaintPolicy,
  invoice: DisputedInvoice,
  receivedAt: string,
): BillingAssessment {
  if (policy.billingFilingWindowDays === null) {
    return {
      windowEndsOn: null,
      inWindow: true,
      suspendsLatePayment: policy.latePaymentSuspendedWhileBillingComplaintPending,
    };
  }
  const windowStart = invoice.deliveredOn ?? invoice.issueDate;
  const windowEndsOn = due(
    dueBySolarDays({ from: windowStart, days: policy.billingFilingWindowDays }),
  ).dueDate;
  const inWindow = romeDateOf(receivedAt) <= windowEndsOn;
  return {
    windowEndsOn,
    inWindow,
    suspendsLatePayment: inWindow && policy.latePaymentSuspendedWhileBillingComplaintPending,
  };
}

const blank = (value: string | null | undefined) => !value || value.trim().length === 0;

/** CMP-9: the five mandatory fields (the place as municipality, street and postcode). */
export function missingOutageFields(outage: OutageDetails): string[] {
  const missing: string[] = [];
  if (blank(outage.holderName)) missing.push('outage.holderName');
  if (blank(outage.phoneNumber)) missing.push('outage.phoneNumber');
  if (blank(outage.disruptionType)) missing.push('outage.disruptionType');
  if (blank(outage.startedOn)) missing.push('outage.startedOn');
  for (const part of ['municipality', 'street', 'postcode'] as const)
    if (blank(outage.place?.[part])) missing.push(`outage.place.${part}`);
  return missing;
}

/** CMP-9: PSA outage complaints, by registered letter within N days of the end of the outage. */
export function assessOutage(
  policy: ComplaintPolicy,
  outage: OutageDetails,
  channel: ComplaintChannel,
  receivedAt: string,
): OutageAssessment | null {
  if (policy.outageComplaintWindowDays === null) return null;
  const windowEndsOn = outage.outageEndedOn
    ? due(dueBySolarDays({ from: outage.outageEndedOn, days: policy.outageComplaintWindowDays }))
        .dueDate
    : null;
  return {
    rule: 'CMP-9',
    missingFields: missingOutageFields(outage),
    windowEndsOn,
    inWindow: windowEndsOn === null ? null : romeDateOf(receivedAt) <= windowEndsOn,
    registeredLetter: channel === 'registered_letter',
    clause: policy.outageComplaintClause,
  };
}
