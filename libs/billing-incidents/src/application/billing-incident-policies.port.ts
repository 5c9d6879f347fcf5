import { BillingIncidentPolicy } from '../domain/billing-incident.policy';

/** The billing-incident figures of the versioned operator policies. */
export interface BillingIncidentPolicies {
  /** Whether `operator` has any policy version in force at `at` (CAL-9). */
  operatorKnown(operator: string, at: string): boolean;
  /** The practice of the version in force at `at`; null when that version has none. */
  inForce(operator: string, at: string): BillingIncidentPolicy | null;
  /** The exact version an incident pinned. */
  byVersion(version: string): BillingIncidentPolicy | null;
}

export const BILLING_INCIDENT_POLICIES = Symbol('BILLING_INCIDENT_POLICIES');
