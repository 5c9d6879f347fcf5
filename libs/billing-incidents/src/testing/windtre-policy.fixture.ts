import { BillingIncidentPolicy } from '../domain/billing-incident.policy';

/** The WINDTRE figures of RULES §4.11, as the shipped policy file states them. */
export const WINDTRE_INCIDENT: BillingIncidentPolicy = {
  operator: 'WINDTRE',
  version: 'WINDTRE@incident-2026',
  noticeChannel: 'sms',
  regularChargesResume: 'current_month',
  recoveryStepDays: 30,
  firstRecovery: 'same_day_next_month',
  prescriptionMonths: null,
  clause: 'WT-INCIDENT ¶2, ¶4, ¶6 (BIL-15, NTF-10, AMB-28)',
};
