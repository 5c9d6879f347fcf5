import { BillingIncidentPolicy } from './billing-incident.policy';
import { BillingPeriod } from './billing-period';

export type DeclareBillingIncident = {
  type: 'DeclareBillingIncident';
  incidentId: string;
  /** The version in force at the declaration, resolved by the application (CAL-9); null = none. */
  policy: BillingIncidentPolicy | null;
  serviceName: string;
  monthlyFeeCents: number;
  cause: string;
  periods: BillingPeriod[];
  /** When the incident was established; defaults to now. */
  declaredAt: string | null;
};

export type BillingIncidentCommand = DeclareBillingIncident;
