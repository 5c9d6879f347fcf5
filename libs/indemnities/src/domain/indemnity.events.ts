import { DomainEvent } from '@sportello/decider';

/** IND-12: one ledger line per ticket and indemnity type. */
export const INDEMNITY_TYPES = [
  'ACTIVATION_DELAY',
  'REPAIR_DELAY',
  'MAINTENANCE_NOTICE',
  'COMPLAINT_DELAY',
  'ADMIN_SUSPENSION',
  'DIRECTORY_ERROR',
  'EXCEPTIONAL_FAULT',
] as const;
export type IndemnityType = (typeof INDEMNITY_TYPES)[number];

export const TICKET_KINDS = [
  'complaint',
  'fault',
  'activation',
  'maintenance-window',
  'directory-error',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export type CustomerType = 'residential' | 'business';

export interface TicketRef {
  kind: TicketKind;
  id: string;
  /** The human-readable reference or tracking code given to the customer. */
  reference: string;
  stream: string;
}

/**
 * How the days behind the figure are counted, with the instants it needs: CAL-7 for delays
 * (started 24-hour periods after an hour-based due instant, or calendar days after a due date),
 * IND-9 from a start day through the fulfilment day, MNT-3 the calendar days an interruption
 * touched, IND-3 none at all.
 */
export type DayCount =
  | { basis: 'STARTED_24_HOUR_PERIODS'; dueAt: string }
  | { basis: 'CALENDAR_DAYS_AFTER_DUE_DATE'; dueAt: string; dueDate: string }
  | { basis: 'CALENDAR_DAYS_FROM_START'; countedFrom: string | null }
  | { basis: 'CALENDAR_DAYS_TOUCHED'; startedAt: string }
  | { basis: 'FLAT' }
  /** FLT-8: no fixed term, so no delay. */
  | { basis: 'NO_TERM' };

/** The pinned policy's figures for this line (CAL-9, IND-13): rate, multiplier and caps. */
export interface IndemnityRate {
  dailyCents: number;
  /** e.g. EXT-IND-8 for a business line where the policy multiplies; 1 otherwise. */
  multiplier: number;
  /** At most this many days are paid (IND-1); null = no day cap. */
  capDays: number | null;
  /** At most this amount per ticket and type (CAL-10); null = no amount cap. */
  capCents: number | null;
  /** IND-3: a flat amount instead of a daily one; null for daily figures. */
  flatCents: number | null;
  rules: string[];
  clause: string;
}

/** The regulator's figure beside the contractual one (IND-12, §6), and whether it is a floor
 * (AMB-17) or a reference only. */
export interface RegulatoryFigure {
  rules: string[];
  clause: string;
  per: 'DAY' | 'STARTED_YEAR';
  /** Per day (EXT-IND-2) or per started year (EXT-IND-6), before the multiplier. */
  unitCents: number;
  multiplier: number;
  /** STARTED_YEAR: the disruption from → to (calendar dates). */
  from: string | null;
  to: string | null;
  applyAsFloor: boolean;
}

/** Every input of the figure: with these and the instant of fulfilment, anyone recomputes it. */
export interface IndemnityTerms {
  count: DayCount;
  rate: IndemnityRate;
  regulatory: RegulatoryFigure | null;
  /** IND-2, AMB-11: beyond this many days a supervisor assesses a supplement; null = never. */
  supplementaryBeyondDays: number | null;
}

export interface IndemnityFiguresResult {
  days: number;
  daysPaid: number;
  /** days × daily × multiplier, before any cap (flat: the flat amount). */
  uncappedCents: number;
  contractualCents: number;
  regulatoryCents: number | null;
  creditedCents: number;
  creditBasis: 'contract' | 'regulator';
  /** The credited figure can no longer grow with time (cap reached, or a flat amount). */
  final: boolean;
  /** IND-2, AMB-11: the days exceed the automatic cap: a supervisor assesses a supplement. */
  supplementaryAssessment: boolean;
}

export interface RecordedPauseInput {
  kind: string;
  from: string;
  to: string | null;
}

/**
 * IND-12: the final figure of one ledger line, with every input (due, fulfilment, pauses, policy
 * version and clause, days, rate, caps), appended to the ticket's stream when its obligation is
 * fulfilled. `figures` equals `indemnityFigures(terms, inputs.fulfilledAt)`.
 */
export type IndemnityAssessed = DomainEvent<
  'IndemnityAssessed',
  {
    /** Deterministic (ticket, source event, line): also the event's id, so a replay is a no-op. */
    assessmentId: string;
    ticket: TicketRef;
    indemnityType: IndemnityType;
    /** A maintenance window's affected line (`line-0`…); null for a single-customer ticket. */
    party: string | null;
    subjectId: string | null;
    operator: string;
    policyVersion: string;
    customerType: CustomerType;
    terms: IndemnityTerms;
    inputs: {
      /** The deadline as it stood at fulfilment (after CAL-8 pauses); null without one. */
      dueAt: string | null;
      dueDate: string | null;
      /** The deadline with no pauses or announced date, where the ticket records one. */
      unpausedDueAt: string | null;
      pauses: RecordedPauseInput[];
      /** ACT-10: the announced date that replaced the term, if any. */
      announcedDate: string | null;
      fulfilledAt: string;
      fulfilment: 'restored' | 'answered' | 'withdrawn' | 'activated' | 'ended' | 'attributed';
    };
    figures: IndemnityFiguresResult;
    /** AMB-7: a complex fault's figure waits for a supervisor. */
    hold: { rule: 'AMB-7'; reason: string } | null;
    payout: {
      awaits: 'nothing' | 'written_report' | 'customer_request';
      /** EXT-IND-1: credited on the first invoice issued after this date. */
      onFirstInvoiceIssuedAfter: string;
      rules: string[];
    };
    /** The ticket's own event this line mirrors, with the figure the ticket's domain computed. */
    source: { eventId: string; type: string; revision: number; amountCents: number | null };
    rules: string[];
    currency: 'EUR';
    summary: string;
  }
>;

/** IND-11, IND-12: a supervisor records the credit on an invoice, a separate later event. */
export type IndemnityCredited = DomainEvent<
  'IndemnityCredited',
  {
    ticket: TicketRef;
    indemnityType: IndemnityType;
    party: string | null;
    subjectId: string | null;
    /** The assessment credited (its event id). */
    assessedEventId: string;
    amountCents: number;
    currency: 'EUR';
    invoiceNumber: string;
    invoiceIssuedOn: string;
    creditedAt: string;
    creditedBy: string;
    rules: string[];
  }
>;

/** IND-2, AMB-11: a supervisor assesses the supplement beyond the automatic day cap. */
export type SupplementaryIndemnityDecided = DomainEvent<
  'SupplementaryIndemnityDecided',
  {
    ticket: TicketRef;
    indemnityType: IndemnityType;
    party: string | null;
    subjectId: string | null;
    assessedEventId: string;
    decision: 'granted' | 'refused';
    supplementCents: number;
    reason: string;
    decidedBy: string;
    decidedAt: string;
    rules: ['IND-2', 'AMB-11'];
  }
>;

export type LedgerEvent = IndemnityAssessed | IndemnityCredited | SupplementaryIndemnityDecided;
export type LedgerEventType = LedgerEvent['type'];

/** What the ledger appends to ticket streams: the ticket deciders take them as annotations. */
export const LEDGER_EVENT_TYPES: readonly LedgerEventType[] = [
  'IndemnityAssessed',
  'IndemnityCredited',
  'SupplementaryIndemnityDecided',
];
