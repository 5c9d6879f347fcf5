import { IncidentService } from './billing-incident.events';
import { BillingIncidentPolicy } from './billing-incident.policy';
import { BillingPeriod } from './billing-period';
import { AffectedCustomer, NoticeSender } from './billing-recovery.events';

/** The incident as declared, read from its stream by the application. */
export interface IncidentFacts {
  incidentId: string;
  operator: string;
  policyVersion: string;
  service: IncidentService;
  cause: string;
  periods: BillingPeriod[];
}

export type AddAffectedCustomer = {
  type: 'AddAffectedCustomer';
  recoveryId: string;
  incident: IncidentFacts;
  /** The version the incident pinned. */
  policy: BillingIncidentPolicy;
  customer: AffectedCustomer;
  /** A subset of the incident's periods; null = all of them. */
  periods: BillingPeriod[] | null;
  /** This customer's fee when it differs from the incident's; null = the incident's. */
  monthlyFeeCents: number | null;
  noticeBy: NoticeSender;
};

export type RecordManualNotice = {
  type: 'RecordManualNotice';
  sentAt: string;
  smsReference: string;
};

export type IssueRecoveryPlan = {
  type: 'IssueRecoveryPlan';
  policy: BillingIncidentPolicy;
};

export type RecordRecoveryChargeBilled = {
  type: 'RecordRecoveryChargeBilled';
  chargeId: string;
  invoiceNumber: string;
  /** The Europe/Rome date of the invoice that carries the charge. */
  billedOn: string;
};

export type BillingRecoveryCommand =
  AddAffectedCustomer | RecordManualNotice | IssueRecoveryPlan | RecordRecoveryChargeBilled;
