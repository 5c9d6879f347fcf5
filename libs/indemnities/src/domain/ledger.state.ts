import { FoldedEvent } from '@sportello/decider';
import {
  IndemnityAssessed,
  IndemnityCredited,
  IndemnityType,
  LedgerEvent,
  SupplementaryIndemnityDecided,
} from './indemnity.events';

/** A ledger line is named by its indemnity type and, on a maintenance window, its line. */
export const ledgerLineKey = (indemnityType: IndemnityType, party: string | null) =>
  party ? `${indemnityType}/${party}` : indemnityType;

/** AMB-7: a supervisor's decision on a complex fault's held indemnity (the fault's own event). */
export interface HoldReview {
  decision: 'approved' | 'denied';
  reason: string;
  reviewedBy: string;
}

export interface LedgerLineState {
  assessedEventId: string;
  assessed: IndemnityAssessed['data'];
  supplement: Pick<
    SupplementaryIndemnityDecided['data'],
    'decision' | 'supplementCents' | 'reason' | 'decidedBy' | 'decidedAt'
  > | null;
  credit: IndemnityCredited['data'] | null;
  /** IND-4 / IND-7: the claim that released an activation payout, once recorded. */
  claimedFirstInvoiceAfter: string | null;
}

/** The ledger side of one ticket stream: the ticket's own events are folded only where they
 * change a line (a review, a reopening that voids the assessment, a claim). */
export interface LedgerState {
  lines: Record<string, LedgerLineState>;
  review: HoldReview | null;
  claim: { onFirstInvoiceIssuedAfter: string } | null;
}

export const initialLedgerState = (): LedgerState => ({ lines: {}, review: null, claim: null });

type Foreign =
  | { type: 'ComplexFaultIndemnityReviewed'; data: HoldReview }
  | { type: 'FaultReopened'; data: unknown }
  | { type: 'IndemnityClaimRecorded'; data: { onFirstInvoiceIssuedAfter: string } };

export type LedgerFoldable = LedgerEvent | Foreign | { type: string; data: unknown };

function withLine(
  state: LedgerState,
  key: string,
  change: (line: LedgerLineState) => LedgerLineState,
): LedgerState {
  const line = state.lines[key];
  return line ? { ...state, lines: { ...state.lines, [key]: change(line) } } : state;
}

export function evolveLedger(
  state: LedgerState,
  event: FoldedEvent<LedgerFoldable & { type: string; data: unknown }>,
): LedgerState {
  const e = event as LedgerFoldable;
  switch (e.type) {
    case 'IndemnityAssessed': {
      const d = (e as IndemnityAssessed).data;
      const key = ledgerLineKey(d.indemnityType, d.party);
      const previous = state.lines[key];
      return {
        ...state,
        lines: {
          ...state.lines,
          [key]: {
            assessedEventId: d.assessmentId,
            assessed: d,
            supplement: null,
            credit: previous?.credit ?? null,
            claimedFirstInvoiceAfter: state.claim?.onFirstInvoiceIssuedAfter ?? null,
          },
        },
      };
    }
    case 'IndemnityCredited': {
      const d = (e as IndemnityCredited).data;
      return withLine(state, ledgerLineKey(d.indemnityType, d.party), (line) => ({
        ...line,
        credit: d,
      }));
    }
    case 'SupplementaryIndemnityDecided': {
      const d = (e as SupplementaryIndemnityDecided).data;
      return withLine(state, ledgerLineKey(d.indemnityType, d.party), (line) => ({
        ...line,
        supplement: d,
      }));
    }
    case 'ComplexFaultIndemnityReviewed': {
      const d = e.data as HoldReview;
      return {
        ...state,
        review: { decision: d.decision, reason: d.reason, reviewedBy: d.reviewedBy },
      };
    }
    case 'FaultReopened': {
      // The restoration that did not hold, and the indemnity assessed on it, are void; a credit
      // already recorded stays on its invoice.
      const lines = Object.fromEntries(
        Object.entries(state.lines).filter(([, line]) => line.credit !== null),
      );
      return { ...state, lines, review: null };
    }
    case 'IndemnityClaimRecorded': {
      const { onFirstInvoiceIssuedAfter } = e.data as { onFirstInvoiceIssuedAfter: string };
      const claim = { onFirstInvoiceIssuedAfter };
      const lines = Object.fromEntries(
        Object.entries(state.lines).map(([key, line]) => [
          key,
          { ...line, claimedFirstInvoiceAfter: claim.onFirstInvoiceIssuedAfter },
        ]),
      );
      return { ...state, lines, claim };
    }
    default:
      return state;
  }
}

export type LedgerLineStatus = 'assessed' | 'under_review' | 'credited' | 'denied' | 'none';

/** What is owed on an assessed line now: the figure, its supplement, nothing if denied. */
export function payableCents(line: {
  creditedCents: number;
  hold: boolean;
  review: HoldReview['decision'] | null;
  supplementCents: number | null;
}): number {
  if (line.hold && line.review === 'denied') return 0;
  return line.creditedCents + (line.supplementCents ?? 0);
}

/** IND-12, AMB-7, AMB-11: where an assessed line stands. */
export function assessedLineStatus(line: {
  credited: boolean;
  hold: boolean;
  review: HoldReview['decision'] | null;
  supplementaryAssessment: boolean;
  supplementDecided: boolean;
  payableCents: number;
}): LedgerLineStatus {
  if (line.credited) return 'credited';
  if (line.hold && line.review === null) return 'under_review';
  if (line.hold && line.review === 'denied') return 'denied';
  if (line.supplementaryAssessment && !line.supplementDecided) return 'under_review';
  return line.payableCents > 0 ? 'assessed' : 'none';
}

export function statusOfLine(line: LedgerLineState, review: HoldReview | null): LedgerLineStatus {
  const hold = line.assessed.hold !== null;
  const decision = hold ? (review?.decision ?? null) : null;
  const payable = payableOfLine(line, review);
  return assessedLineStatus({
    credited: line.credit !== null,
    hold,
    review: decision,
    supplementaryAssessment: line.assessed.figures.supplementaryAssessment,
    supplementDecided: line.supplement !== null,
    payableCents: payable,
  });
}

export function payableOfLine(line: LedgerLineState, review: HoldReview | null): number {
  const hold = line.assessed.hold !== null;
  return payableCents({
    creditedCents: line.assessed.figures.creditedCents,
    hold,
    review: hold ? (review?.decision ?? null) : null,
    supplementCents:
      line.supplement?.decision === 'granted' ? line.supplement.supplementCents : null,
  });
}
