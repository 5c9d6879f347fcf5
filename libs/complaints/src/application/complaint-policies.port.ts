import { ComplaintPolicy } from '../domain/complaint.policy';

/** The operator policies a complaint is judged by, resolved from the versioned policy data. */
export interface ComplaintPolicies {
  /** CAL-9: the version in force for `operator` at the instant the complaint was received. */
  inForce(operator: string, receivedAt: string): ComplaintPolicy | null;
  /** The exact version a ticket pinned, to judge later commands by the same figures. */
  byVersion(version: string): ComplaintPolicy | null;
  operators(): string[];
}

export const COMPLAINT_POLICIES = Symbol('COMPLAINT_POLICIES');
