import { activationFigures } from '@sportello/activations/policies/catalog-activation-policies';
import { complaintFigures } from '@sportello/complaints/policies/catalog-complaint-policies';
import { ExceptionalFault } from '@sportello/faults/domain/fault.events';
import { RepairTermKind } from '@sportello/faults/domain/fault.policy';
import { faultFigures } from '@sportello/faults/policies/catalog-fault-policies';
import { PolicyCatalog } from '@sportello/policies';
import { romeDateOf } from '@sportello/sla';
import {
  activationDelayTerms,
  complaintDelayTerms,
  exceptionalFaultTerms,
  repairDelayTerms,
} from '../../domain/assessing/indemnity-terms';
import { indemnityFigures, recomputesFromItsInputs } from '../../domain/indemnity-figures';
import {
  CustomerType,
  IndemnityAssessed,
  IndemnityCredited,
  IndemnityTerms,
  IndemnityType,
  TicketKind,
} from '../../domain/indemnity.events';
import { assessedLineStatus, HoldReview, payableCents } from '../../domain/ledger.state';

/** A ledger row joined with its ticket's facts, as stored. */
export interface LedgerRow {
  line_id: string;
  stream: string;
  ticket_kind: TicketKind;
  ticket_id: string;
  reference: string;
  operator: string;
  policy_version: string;
  customer_type: CustomerType;
  subject_id: string | null;
  indemnity_type: IndemnityType;
  party: string | null;
  arose_at: Date | string;
  missed_at: Date | string | null;
  assessment: IndemnityAssessed['data'] | null;
  assessed_at: Date | string | null;
  supplement: {
    decision: 'granted' | 'refused';
    supplementCents: number;
    decidedBy: string;
    decidedAt: string;
  } | null;
  credit: IndemnityCredited['data'] | null;
  due_at: Date | string | null;
  term_kind: RepairTermKind | null;
  regime: string | null;
  request_kind: 'activation' | 'relocation' | null;
  services: string[] | null;
  exceptional: ExceptionalFault | null;
  paused_since: Date | string | null;
  fulfilled_at: Date | string | null;
  review: (HoldReview & { reviewedAt: string }) | null;
  claim_after: Date | string | null;
}

export type LedgerStatus =
  'accruing' | 'assessed' | 'under_review' | 'credited' | 'denied' | 'none';

export interface LedgerLineView {
  lineId: string;
  ticket: { kind: TicketKind; id: string; reference: string; stream: string };
  indemnityType: IndemnityType;
  party: string | null;
  operator: string;
  policyVersion: string;
  customerType: CustomerType;
  subjectId: string | null;
  status: LedgerStatus;
  /** The instant the figures are computed for: now while accruing, else the fulfilment. */
  asOf: string;
  aroseAt: string;
  dueAt: string | null;
  fulfilledAt: string | null;
  days: number;
  daysPaid: number;
  rate: IndemnityTerms['rate'] | null;
  /** CAL-7 and the type's counting. */
  basis: string | null;
  contractualCents: number;
  regulatoryCents: number | null;
  regulatoryRole: 'floor' | 'reference' | null;
  creditBasis: 'contract' | 'regulator';
  /** What is owed now: accrued so far, or assessed with any supplement; 0 if denied. */
  amountCents: number;
  currency: 'EUR';
  capReached: boolean;
  review: {
    rule: 'AMB-7' | 'AMB-11';
    status: 'pending' | 'approved' | 'denied' | 'granted' | 'refused';
    supplementCents: number | null;
    decidedBy: string | null;
  } | null;
  payout: { awaits: string; onFirstInvoiceIssuedAfter: string | null } | null;
  credit: {
    invoiceNumber: string;
    invoiceIssuedOn: string;
    amountCents: number;
    creditedAt: string;
    creditedBy: string;
  } | null;
  assessment: {
    assessmentId: string;
    assessedAt: string;
    inputs: IndemnityAssessed['data']['inputs'];
    terms: IndemnityTerms;
    /** An auditor's check: the recorded figures follow from the recorded inputs. */
    recomputes: boolean;
    summary: string;
  } | null;
  rules: string[];
  clause: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));
const dateOf = (v: Date | string | null) =>
  v === null ? null : typeof v === 'string' ? v.slice(0, 10) : romeDateOf(v.toISOString());

/** The terms an accruing line is priced with: the pinned policy and the ticket's due instant. */
export function accrualTerms(
  row: LedgerRow,
  catalog: PolicyCatalog,
  asOf: string,
): IndemnityTerms | null {
  const policy = catalog.version(row.policy_version);
  if (!policy || row.due_at === null) return null;
  const dueAt = iso(row.due_at);
  switch (row.indemnity_type) {
    case 'COMPLAINT_DELAY':
      return complaintDelayTerms(complaintFigures(policy), row.customer_type, dueAt);
    case 'REPAIR_DELAY': {
      const faults = faultFigures(policy);
      return faults
        ? repairDelayTerms(faults, row.customer_type, row.term_kind ?? 'ELAPSED_HOURS', dueAt)
        : null;
    }
    case 'EXCEPTIONAL_FAULT': {
      const faults = faultFigures(policy);
      return faults ? exceptionalFaultTerms(faults, row.exceptional, romeDateOf(asOf)) : null;
    }
    case 'ACTIVATION_DELAY': {
      const activation = activationFigures(policy);
      return activation
        ? activationDelayTerms(activation, {
            customerType: row.customer_type,
            requestKind: row.request_kind ?? 'activation',
            services: row.services ?? [],
            dueAt,
          })
        : null;
    }
    default:
      return null;
  }
}

function earliest(...instants: (string | null)[]): string {
  return instants
    .filter((i): i is string => i !== null)
    .reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

function credited(c: IndemnityCredited['data'] | null): LedgerLineView['credit'] {
  return c
    ? {
        invoiceNumber: c.invoiceNumber,
        invoiceIssuedOn: c.invoiceIssuedOn,
        amountCents: c.amountCents,
        creditedAt: c.creditedAt,
        creditedBy: c.creditedBy,
      }
    : null;
}

/**
 * IND-12: a ledger line as of `now`. An accruing line is priced on read from its due instant and
 * the pinned policy's rate and cap (it grows with each day of delay and is `assessed` once the
 * cap is reached); an assessed line shows its recorded figures, its review (AMB-7, AMB-11) and
 * its credit.
 */
export function ledgerLineView(row: LedgerRow, catalog: PolicyCatalog, now: Date): LedgerLineView {
  const base = {
    lineId: row.line_id,
    ticket: {
      kind: row.ticket_kind,
      id: row.ticket_id,
      reference: row.reference,
      stream: row.stream,
    },
    indemnityType: row.indemnity_type,
    party: row.party,
    operator: row.operator,
    policyVersion: row.policy_version,
    customerType: row.customer_type,
    subjectId: row.subject_id,
    aroseAt: iso(row.arose_at),
    currency: 'EUR' as const,
  };
  const a = row.assessment;
  if (!a) {
    const asOf = earliest(
      now.toISOString(),
      isoOrNull(row.fulfilled_at),
      isoOrNull(row.paused_since),
    );
    const terms = accrualTerms(row, catalog, asOf);
    const f = terms ? indemnityFigures(terms, asOf) : null;
    const hold = row.regime === 'COMPLEX_UNDER_REVIEW';
    return {
      ...base,
      status: f?.final ? 'assessed' : 'accruing',
      asOf,
      dueAt: isoOrNull(row.due_at),
      fulfilledAt: isoOrNull(row.fulfilled_at),
      days: f?.days ?? 0,
      daysPaid: f?.daysPaid ?? 0,
      rate: terms?.rate ?? null,
      basis: terms?.count.basis ?? null,
      contractualCents: f?.contractualCents ?? 0,
      regulatoryCents: f?.regulatoryCents ?? null,
      regulatoryRole: terms?.regulatory
        ? terms.regulatory.applyAsFloor
          ? 'floor'
          : 'reference'
        : null,
      creditBasis: f?.creditBasis ?? 'contract',
      amountCents: f?.creditedCents ?? 0,
      capReached: f?.final ?? false,
      review: hold
        ? { rule: 'AMB-7', status: 'pending', supplementCents: null, decidedBy: null }
        : null,
      payout: null,
      credit: null,
      assessment: null,
      rules: [...(terms?.rate.rules ?? []), ...(hold ? ['AMB-7'] : []), 'IND-12'],
      clause: terms?.rate.clause ?? null,
    };
  }
  const f = a.figures;
  const hold = a.hold !== null;
  const decision = hold ? (row.review?.decision ?? null) : null;
  const supplementCents =
    row.supplement?.decision === 'granted' ? row.supplement.supplementCents : null;
  const payable = payableCents({
    creditedCents: f.creditedCents,
    hold,
    review: decision,
    supplementCents,
  });
  const status = assessedLineStatus({
    credited: row.credit !== null,
    hold,
    review: decision,
    supplementaryAssessment: f.supplementaryAssessment,
    supplementDecided: row.supplement !== null,
    payableCents: payable,
  });
  const review: LedgerLineView['review'] = hold
    ? {
        rule: 'AMB-7',
        status: decision ?? 'pending',
        supplementCents: null,
        decidedBy: row.review?.reviewedBy ?? null,
      }
    : f.supplementaryAssessment
      ? {
          rule: 'AMB-11',
          status: row.supplement?.decision ?? 'pending',
          supplementCents: row.supplement?.supplementCents ?? null,
          decidedBy: row.supplement?.decidedBy ?? null,
        }
      : null;
  const claimAfter = dateOf(row.claim_after);
  return {
    ...base,
    status,
    asOf: a.inputs.fulfilledAt,
    dueAt: a.inputs.dueAt,
    fulfilledAt: a.inputs.fulfilledAt,
    days: f.days,
    daysPaid: f.daysPaid,
    rate: a.terms.rate,
    basis: a.terms.count.basis,
    contractualCents: f.contractualCents,
    regulatoryCents: f.regulatoryCents,
    regulatoryRole: a.terms.regulatory
      ? a.terms.regulatory.applyAsFloor
        ? 'floor'
        : 'reference'
      : null,
    creditBasis: f.creditBasis,
    amountCents: row.credit ? row.credit.amountCents : payable,
    capReached: f.final,
    review,
    payout: {
      awaits: a.payout.awaits !== 'nothing' && claimAfter ? 'nothing' : a.payout.awaits,
      onFirstInvoiceIssuedAfter: claimAfter ?? a.payout.onFirstInvoiceIssuedAfter,
    },
    credit: credited(row.credit),
    assessment: {
      assessmentId: a.assessmentId,
      assessedAt: iso(row.assessed_at ?? a.inputs.fulfilledAt),
      inputs: a.inputs,
      terms: a.terms,
      recomputes: recomputesFromItsInputs(a).matches,
      summary: a.summary,
    },
    rules: a.rules,
    clause: a.terms.rate.clause,
  };
}
