import { daysOfDelayAfterDate, romeDateOf } from '@sportello/sla';
import { CustomerType } from './complaint.events';
import { ComplaintPolicy } from './complaint.policy';

export interface ComplaintLateIndemnity {
  rule: 'CMP-12';
  /** IND-8 for an operator's own figure (PSA), IND-14 / EXT-IND-7 for the regulator's fallback. */
  basisRule: 'IND-8' | 'IND-14';
  basis: 'contract' | 'regulator';
  clause: string;
  policyVersion: string;
  /** `none`: on time so far; `accruing`: still unanswered past the due date; `assessed`: final. */
  status: 'none' | 'accruing' | 'assessed';
  dueDate: string;
  /** CAL-7: calendar days after the due date through the answer (or through `asOf`). */
  daysLate: number;
  dailyCents: number;
  capCents: number;
  multiplier: number;
  /** days × daily × multiplier, before the cap. */
  uncappedCents: number;
  amountCents: number;
  capped: boolean;
  /** The instant the figure was computed for: the answer, the withdrawal, or now. */
  asOf: string;
}

export interface ComplaintTiming {
  answerDueAt: string;
  customerType: CustomerType;
  /** When the written answer was sent; null while unanswered. */
  answeredAt: string | null;
  /** A withdrawal ends the obligation without an answer. */
  withdrawnAt: string | null;
}

/**
 * CMP-12: a late answer earns the customer an indemnity per solar day of delay (CAL-7), capped per
 * complaint. It grows while the complaint stays unanswered and is final once answered or withdrawn;
 * reaching the cap also makes it final, as nothing can add to it.
 */
export function complaintLateIndemnity(
  timing: ComplaintTiming,
  policy: ComplaintPolicy,
  now: string,
): ComplaintLateIndemnity {
  const figures = policy.lateIndemnity;
  const endedAt = timing.answeredAt ?? timing.withdrawnAt;
  const asOf = endedAt ?? now;
  const dueDate = romeDateOf(timing.answerDueAt);
  const daysLate = daysOfDelayAfterDate(dueDate, asOf);
  const multiplier = timing.customerType === 'business' ? figures.businessMultiplier : 1;
  const uncappedCents = daysLate * figures.dailyCents * multiplier;
  const amountCents = Math.min(uncappedCents, figures.capCents);
  const capped = uncappedCents >= figures.capCents && daysLate > 0;
  const status = daysLate === 0 ? 'none' : endedAt || capped ? 'assessed' : 'accruing';
  return {
    rule: 'CMP-12',
    basisRule: figures.basis === 'contract' ? 'IND-8' : 'IND-14',
    basis: figures.basis,
    clause: figures.clause,
    policyVersion: policy.version,
    status,
    dueDate,
    daysLate,
    dailyCents: figures.dailyCents,
    capCents: figures.capCents,
    multiplier,
    uncappedCents,
    amountCents,
    capped,
    asOf: new Date(Date.parse(asOf)).toISOString(),
  };
}
