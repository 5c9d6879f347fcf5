import { DomainEvent } from '@sportello/decider';
import { BillingPeriod } from './billing-period';

/** The offer whose monthly fee went uncharged (e.g. WindTre Easy Pay, €9.99). */
export interface IncidentService {
  name: string;
  monthlyFeeCents: number;
  currency: 'EUR';
}

/**
 * BIL-15: a supervisor declares that a billing-system fault left fees uncharged. The cause is
 * written about the operator's systems, never about a customer: it is not personal data.
 */
export type BillingIncidentDeclared = DomainEvent<
  'BillingIncidentDeclared',
  {
    incidentId: string;
    operator: string;
    policyVersion: string;
    service: IncidentService;
    cause: string;
    /** The months left uncharged, oldest first. */
    periods: BillingPeriod[];
    declaredAt: string;
  }
>;

export type BillingIncidentEvent = BillingIncidentDeclared;
export type BillingIncidentEventType = BillingIncidentEvent['type'];
