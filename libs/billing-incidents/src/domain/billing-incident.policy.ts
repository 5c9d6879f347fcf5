/**
 * The figures of an operator policy version that a billing incident needs (RULES §4.11), as data.
 * The incident pins the version in force when it was declared (CAL-9).
 */
export interface BillingIncidentPolicy {
  operator: string;
  /** e.g. `WINDTRE@incident-2026`, stored on every event of the incident and its recoveries. */
  version: string;
  /** NTF-10: each affected customer is told directly, on this channel, before any recovery. */
  noticeChannel: 'sms';
  /** BIL-15: regular monthly charges resume from the month of the notice. */
  regularChargesResume: 'current_month';
  /** AMB-28: one missed renewal recovered per step of this many days. */
  recoveryStepDays: number;
  /** AMB-28: the first step falls on the same day of the month after the notice. */
  firstRecovery: 'same_day_next_month';
  /** EXT-BIL-3: months after which a missed fee can no longer be charged; null = not applied. */
  prescriptionMonths: number | null;
  clause: string;
}
