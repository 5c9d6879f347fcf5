import { NonPaymentTerms } from './billing.policy';

/** What is left to pay on an invoice, and which part of it a pending complaint covers. */
export interface InvoiceBalance {
  amountCents: number;
  paidCents: number;
  /** Disputed sums an upheld complaint took off the invoice. */
  waivedCents: number;
  /** Billing complaints still pending on this invoice: what each contests and what was paid of it. */
  pendingDisputes: { disputedCents: number; paidCents: number }[];
}

export interface UnpaidForSuspension {
  outstandingCents: number;
  /** EXT-BIL-1: contested and still unpaid under a pending complaint, so not "unpaid". */
  disputedExcludedCents: number;
  /** BIL-3, BIL-5: what the customer had to pay by the due date and has not. */
  unpaidCents: number;
}

/**
 * BIL-3, BIL-5, EXT-BIL-1: a complaint does not excuse the undisputed amounts, and the disputed
 * amount of a pending complaint is not unpaid for suspension purposes.
 */
export function unpaidForSuspension(balance: InvoiceBalance): UnpaidForSuspension {
  const outstandingCents = Math.max(
    0,
    balance.amountCents - balance.paidCents - balance.waivedCents,
  );
  const contested = balance.pendingDisputes.reduce(
    (sum, d) => sum + Math.max(0, d.disputedCents - d.paidCents),
    0,
  );
  const disputedExcludedCents = Math.min(outstandingCents, contested);
  return {
    outstandingCents,
    disputedExcludedCents,
    unpaidCents: outstandingCents - disputedExcludedCents,
  };
}

export interface SuspensionEligibility {
  /** BIL-5: the operator may suspend (after telling the customer, where the policy says so). */
  eligible: boolean;
  reason: 'no_rule' | 'term_running' | 'nothing_unpaid' | 'only_disputed_unpaid' | 'unpaid';
  unpaidCents: number;
  disputedExcludedCents: number;
  noticeRequired: boolean | null;
  terminationAfterDays: number | null;
  reactivationFeeCents: number | null;
}

/**
 * BIL-5, EXT-BIL-1: once the term after the due date has passed, undisputed unpaid amounts make
 * the line eligible for suspension; amounts contested under a pending complaint never do.
 */
export function suspensionEligibility(
  balance: InvoiceBalance,
  termEnded: boolean,
  terms: NonPaymentTermsLike,
): SuspensionEligibility {
  const { unpaidCents, disputedExcludedCents } = unpaidForSuspension(balance);
  const reason: SuspensionEligibility['reason'] =
    terms.suspensionAfterDays === null
      ? 'no_rule'
      : !termEnded
        ? 'term_running'
        : unpaidCents > 0
          ? 'unpaid'
          : disputedExcludedCents > 0
            ? 'only_disputed_unpaid'
            : 'nothing_unpaid';
  return {
    eligible: reason === 'unpaid',
    reason,
    unpaidCents,
    disputedExcludedCents,
    noticeRequired: terms.noticeRequired,
    terminationAfterDays: terms.terminationAfterDays,
    reactivationFeeCents: terms.reactivationFeeCents,
  };
}

type NonPaymentTermsLike = Pick<
  NonPaymentTerms,
  'suspensionAfterDays' | 'noticeRequired' | 'terminationAfterDays' | 'reactivationFeeCents'
>;
