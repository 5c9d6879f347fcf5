/** Stream names carry ids only, never personal data. */
export const BILLING_INCIDENT_STREAM_PREFIX = 'billing-incident-';
export const BILLING_RECOVERY_STREAM_PREFIX = 'billing-recovery-';

export function billingIncidentStream(incidentId: string): string {
  return `${BILLING_INCIDENT_STREAM_PREFIX}${incidentId}`;
}

/** One stream per affected customer of an incident: the customer's recovery. */
export function billingRecoveryStream(recoveryId: string): string {
  return `${BILLING_RECOVERY_STREAM_PREFIX}${recoveryId}`;
}

export function recoveryIdOfStream(stream: string): string | null {
  return stream.startsWith(BILLING_RECOVERY_STREAM_PREFIX)
    ? stream.slice(BILLING_RECOVERY_STREAM_PREFIX.length)
    : null;
}
