import { DomainEvent } from '@sportello/decider';

export const REPORT_CHANNELS = [
  'phone',
  'registered_letter',
  'fax',
  'web_area',
  'email',
  'pec',
  'shop',
] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const CUSTOMER_TYPES = ['residential', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The customer: a data subject, the same shape as a complaint's. Every field but the ids and
 * the type is sealed in storage. */
export interface DirectoryCustomer {
  subjectId: string;
  customerType: CustomerType;
  name: string;
  fiscalCode?: string | null;
  vatNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  lineId?: string | null;
}

/** IND-3: the telephone directory or the online search services. */
export const DIRECTORY_MEDIA = [
  'printed_directory',
  'online_search',
  'subscriber_database',
] as const;
export type DirectoryMedium = (typeof DIRECTORY_MEDIA)[number];

/** A directory entry (personal data: sealed). */
export interface Listing {
  name: string;
  number: string;
  address?: string | null;
}

/** DIR-1: the customer's choice on listing, as it stood. Publication only on an explicit request;
 * with portability and no form, the choice made with the previous operator is kept. */
export type ListingRequest =
  | { publish: true; listing: Listing; basis: 'customer_request' | 'previous_operator_choice' }
  | {
      publish: false;
      basis: 'customer_refused' | 'no_form_returned' | 'previous_operator_choice';
    };

/** WRONG_DATA: published with data other than requested; OMITTED: requested but not published;
 * PUBLISHED_WITHOUT_REQUEST: published with no explicit request (DIR-1). */
export type DirectoryErrorKind = 'WRONG_DATA' | 'OMITTED' | 'PUBLISHED_WITHOUT_REQUEST';

/** EXT-IND-6: €200 per year of disruption (business ×4), shown beside the contractual figure. */
export interface RegulatoryReference {
  rules: string[];
  clause: string;
  /** From the day the wrong entry took effect to its correction (or to `asOf`). */
  from: string;
  to: string;
  until: 'corrected' | 'assessed';
  /** Every started year counts (proration of part-years is unconfirmed). */
  years: number;
  proration: 'STARTED_YEARS';
  centsPerYear: number;
  multiplier: number;
  amountCents: number;
}

export type DirectoryErrorReported = DomainEvent<
  'DirectoryErrorReported',
  {
    errorId: string;
    reference: string;
    operator: string;
    policyVersion: string;
    customer: DirectoryCustomer;
    /** The line whose listing is wrong (sealed). */
    lineId: string;
    medium: DirectoryMedium;
    /** DIR-6: the listing as requested and as published (sealed). */
    requested: ListingRequest;
    published: Listing | null;
    errorKind: DirectoryErrorKind;
    /** Which fields differ (names only), for WRONG_DATA. */
    wrongFields: string[];
    /** Calendar dates, Europe/Rome. */
    erroneousSince: string;
    discoveredOn: string;
    reportedAt: string;
    channel: ReportChannel;
    rules: string[];
  }
>;

/** DIR-6: whether the error is attributable to the operator. */
export type DirectoryErrorAttributionDecided = DomainEvent<
  'DirectoryErrorAttributionDecided',
  {
    errorId: string;
    subjectId: string;
    attributable: boolean;
    reason: string;
    decidedBy: string;
    decidedAt: string;
  }
>;

/** IND-12 DIRECTORY_ERROR: the flat figure, once per error, when attribution is confirmed. */
export type DirectoryErrorIndemnityAssessed = DomainEvent<
  'DirectoryErrorIndemnityAssessed',
  {
    errorId: string;
    subjectId: string;
    indemnityType: 'DIRECTORY_ERROR';
    policyVersion: string;
    customerType: CustomerType;
    /** IND-3, DIR-4; null where the policy has no contractual figure. */
    contractual: { rules: string[]; clause: string; flatCents: number; amountCents: number } | null;
    regulatoryReference: RegulatoryReference;
    /** The regulatory figure is a reference only for this type (AMB-17). */
    creditedCents: number;
    currency: 'EUR';
    /** due: to be credited; none: no contractual figure (a dispute may claim the reference). */
    status: 'due' | 'none';
    rules: string[];
    summary: string;
  }
>;

export type DirectoryListingCorrected = DomainEvent<
  'DirectoryListingCorrected',
  {
    errorId: string;
    subjectId: string;
    correctedOn: string;
    recordedBy: string;
    /** The reference over the whole disruption, now that it ended; null before attribution. */
    regulatoryReference: RegulatoryReference | null;
  }
>;

export type DirectoryEvent =
  | DirectoryErrorReported
  | DirectoryErrorAttributionDecided
  | DirectoryErrorIndemnityAssessed
  | DirectoryListingCorrected;

export type DirectoryEventType = DirectoryEvent['type'];
