/**
 * The figures of an operator policy version that maintenance windows need (RULES §4.4, and the
 * maintenance-notice row of §4.5), as data. A window pins the version in force when it was
 * registered (CAL-9). `null` = the seeds say nothing ("—").
 */
export const MAINTENANCE_CHANNELS = [
  'web_area',
  'website',
  'sms',
  'email',
  'phone',
  'registered_letter',
] as const;
/** `web_area` is the customer's area (Fastweb: MyFASTPage). */
export type MaintenanceChannel = (typeof MAINTENANCE_CHANNELS)[number];

export interface MaintenancePolicy {
  operator: string;
  /** e.g. `PSA@cds` — stored on every event of the window. */
  version: string;
  notice: {
    /** `maintenance.notice.minIndemnified`: elapsed hours before the interruption (CAL-6);
     * shorter notice is a breach that gives the MNT-3 indemnity. null = no such minimum. */
    minIndemnifiedHours: number | null;
    indemnifiedRule: string;
    indemnifiedClause: string;
    /** `maintenance.notice.minContractual`: solar days (CAL-2); shorter notice is a breach
     * flagged to supervisors, with no automatic indemnity (AMB-10). null = none. */
    minContractualDays: number | null;
    contractualRule: string | null;
    contractualClause: string | null;
    /** The channel the notice goes through (Fastweb: MyFASTPage); null = the most suitable means. */
    channel: MaintenanceChannel | null;
    channelClause: string;
    /** `maintenance.notice.unplannedFaults`: true = no notice for network or equipment faults;
     * null = the seed is silent (its notice rule covers planned maintenance only). */
    unplannedFaultsExempt: boolean | null;
    unplannedClause: string | null;
  };
  /** `indemnity.maintenanceNotice`: per calendar day of unannounced interruption, at the
   * repair-delay rates and caps (MNT-3, AMB-10). */
  indemnity: {
    dailyCents: { residential: number; business: number };
    capDays: number | null;
    capCents: number | null;
    rules: readonly string[];
    clause: string;
  };
}
